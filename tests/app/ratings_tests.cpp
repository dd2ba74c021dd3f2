// SPDX-License-Identifier: GPL-3.0-or-later
// The how-do-you-feel questions: the order they are asked in, their Danish words, the arrows' mark,
// skipping, and what the journal keeps of an answer.
#include "ratings.h"

#include <catch2/catch.hpp>
#include <overum/core/strings.h>

using namespace overum;
using namespace overum::app;

TEST_CASE("before the meeting: SUDS, then confidence, each answered or skipped", "[app][ratings]") {
  setLanguage(Language::da);
  RatingQuestions q;
  CHECK_FALSE(q.asking());
  CHECK_FALSE(q.question().visible);
  CHECK(q.highest() == 0);
  q.ask(questionsBefore(), Moment::before);
  REQUIRE(q.asking());
  CHECK(q.question().text == "Hvor urolig er du lige nu?");
  CHECK(q.question().lowWords == "helt rolig");
  CHECK(q.question().highest == 10);
  CHECK_FALSE(q.answer(11));  // outside the scale: still asked
  const auto suds = q.answer(6);
  REQUIRE(suds);
  CHECK(suds->scale == Scale::suds);
  CHECK(suds->moment == Moment::before);
  CHECK(suds->value == std::optional<int>(6));
  CHECK(q.question().text == "Hvor sikker er du på at kunne sige det, der er vigtigt for dig?");
  const auto confidence = q.skip();
  REQUIRE(confidence);
  CHECK_FALSE(confidence->value);
  CHECK_FALSE(q.asking());
  CHECK_FALSE(q.skip());
}

TEST_CASE("the arrows move a mark from the middle, held within the scale, and Enter answers it", "[app][ratings]") {
  RatingQuestions q;
  q.ask({Scale::suds}, Moment::hardest);
  CHECK_FALSE(q.confirmMarked());  // nothing marked yet
  q.step(1);
  CHECK(q.marked() == 5);
  for (int i = 0; i < 8; ++i) q.step(1);
  CHECK(q.marked() == 10);
  const auto r = q.confirmMarked();
  REQUIRE(r);
  CHECK(r->value == std::optional<int>(10));
  CHECK(r->moment == Moment::hardest);
  CHECK(q.marked() == -1);
}

TEST_CASE("after a headset session the comfort check follows, on the SSQ's four steps", "[app][ratings]") {
  CHECK(questionsAfter(false) == std::vector<Scale>{Scale::suds, Scale::confidence});
  const std::vector<Scale> headset = questionsAfter(true);
  REQUIRE(headset.size() == 5);
  RatingQuestions q;
  q.ask(headset, Moment::after);
  q.skip();
  q.skip();
  CHECK(q.question().highest == 3);
  CHECK(q.highest() == 3);
  CHECK(q.question().text == "Har du kvalme lige nu?");
  CHECK_FALSE(q.answer(4));
  CHECK(q.answer(3));
}

TEST_CASE("the journal keeps the scale, the moment and the value, or that the question was skipped", "[app][ratings]") {
  using Fields = std::vector<std::pair<std::string, std::string>>;
  CHECK(ratingFields({Scale::eyeStrain, Moment::after, 2}) ==
        Fields{{"scale", "eye_strain"}, {"moment", "after"}, {"value", "2"}});
  CHECK(ratingFields({Scale::suds, Moment::hardest, std::nullopt}) ==
        Fields{{"scale", "suds"}, {"moment", "hardest"}, {"skipped", "1"}});
  setLanguage(Language::en);
  RatingQuestions q;
  q.ask({Scale::confidence}, Moment::before);
  CHECK(q.question().text == "How sure are you that you can say what matters to you?");
  setLanguage(Language::da);
}

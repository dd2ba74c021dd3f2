// SPDX-License-Identifier: GPL-3.0-or-later
// The one table of feedback rules. Wording follows MI affirmations (a concrete thing the citizen did,
// starting "Du" + past tense) and one invitation ("Næste gang kan du prøve at …"): never a score, never
// "du skal", no comparison. Pitch and latency never drive a suggestion: they move with mood and medication.
#include <overum/speech/feedback_rules.h>

#include <algorithm>

namespace overum::speech {
namespace {

// Thresholds, named once; docs/feedback-rules.md gives each one's reason.
constexpr double kSomethingSaidSeconds = 2.0;  // less than this: no content praise (research note §4.2)
constexpr double kTookTimeSeconds = 1.0;       // Jefferson's "standard maximum" silence in conversation
constexpr double kLongRunSeconds = 10.0;       // a stretch of speech without a pause
constexpr double kPausesFromSeconds = 10.0;    // pauses are worth naming in a turn this long
constexpr double kLoudnessTurnSeconds = 6.0;   // thirds of at least 2 s each
constexpr double kFallOffLu = 3.0;             // the ±3 LU band of the research note §1.4
constexpr double kFastSyllablesPerSecond = 6.0;
constexpr double kRateTurnSeconds = 5.0;
constexpr double kNoPauseSeconds = 20.0;
constexpr double kShortAnswerSeconds = 3.0;
constexpr double kGazeShare = 0.6;        // most of the turn: clear, not a moment's glance
constexpr double kGazeFromSeconds = 3.0;  // a turn long enough for where one looks to mean something

bool has(const FeedbackInput& in, StatementPart p) { return in.partsKnown && in.partsPresented[std::size_t(p)]; }

double totalSpeaking(const FeedbackInput& in) {
  double s = 0.0;
  for (const auto& t : in.turns) s += t.measures.speakingSeconds;
  return s;
}

template <class F>
bool anyTurn(const FeedbackInput& in, F f) {
  return std::any_of(in.turns.begin(), in.turns.end(), f);
}

const TurnContext* hardest(const FeedbackInput& in) {
  for (const auto& t : in.turns)
    if (t.afterHardestQuestion) return &t;
  return nullptr;
}

bool saidSomething(const FeedbackInput& in) { return totalSpeaking(in) >= kSomethingSaidSeconds; }

bool missingFirst(const FeedbackInput& in, StatementPart part) {
  if (!in.partsKnown || !in.statementGiven()) return false;
  for (int p = 0; p < 4; ++p)
    if (!in.partsPresented[std::size_t(p)]) return p == int(part);
  return false;
}

bool measuredThirds(const TurnContext& t) {
  return t.measures.speakingSeconds >= kLoudnessTurnSeconds && t.measures.loudnessFallOffLu().has_value();
}

constexpr FeedbackRule kRules[] = {
    // ---- Strengths (what went well), most concrete first ----
    {"alle-dele", RuleKind::Strength, "statement parts presented", "all 4",
     [](const FeedbackInput& in) { return in.partsKnown && in.partCount() == 4; },
     "Du præsenterede alle fire dele af dit statement.", "You presented all four parts of your statement.",
     "Identity and meaning (CHIME); the cue card knows which parts were shown."},
    {"del-vigtigt", RuleKind::Strength, "statement part 'vigtigt'", "presented (and not all 4)",
     [](const FeedbackInput& in) { return in.partCount() < 4 && has(in, StatementPart::Vigtigt); },
     "Du fortalte, hvad der er vigtigt for dig.", "You said what matters to you.",
     "Naming a concrete part said is an affirmation, not praise (MI)."},
    {"del-hjaelp", RuleKind::Strength, "statement part 'hjælp'", "presented (and not all 4)",
     [](const FeedbackInput& in) { return in.partCount() < 4 && has(in, StatementPart::Hjaelp); },
     "Du sagde, hvad du gerne vil have hjælp til.", "You said what you would like help with.",
     "As above: a concrete part of the statement that was said."},
    {"tog-tid-svaert", RuleKind::Strength, "latency after the hardest question", ">= 1.0 s, and >= 2 s of speech",
     [](const FeedbackInput& in) {
       const auto* t = hardest(in);
       return t && t->measures.latencySeconds && *t->measures.latencySeconds >= kTookTimeSeconds &&
              t->measures.speakingSeconds >= kSomethingSaidSeconds;
     },
     "Du tog dig tid, før du svarede på det svære spørgsmål.",
     "You took your time before you answered the difficult question.",
     "About 1 s is conversation's 'standard maximum' silence (Jefferson 1988); taking longer on a hard "
     "question is a choice worth naming, not a delay."},
    {"svarede-svaert", RuleKind::Strength, "speech after the hardest question", ">= 2 s (answered within 1 s)",
     [](const FeedbackInput& in) {
       const auto* t = hardest(in);
       return t && t->measures.speakingSeconds >= kSomethingSaidSeconds &&
              !(t->measures.latencySeconds && *t->measures.latencySeconds >= kTookTimeSeconds);
     },
     "Du svarede på det svære spørgsmål.", "You answered the difficult question.",
     "Empowerment (CHIME): staying with the hardest moment."},
    {"sammenhaengende", RuleKind::Strength, "longest speech without a pause", ">= 10 s in a turn",
     [](const FeedbackInput& in) {
       return anyTurn(in, [](const TurnContext& t) { return t.measures.longestSpeechRunSeconds >= kLongRunSeconds; });
     },
     "Du talte i sammenhæng i mere end ti sekunder ad gangen.", "You spoke for more than ten seconds at a stretch.",
     "Research note §4.2: praise of fluent speech needs evidence (>= 3 s continuous VAD speech); 10 s is a "
     "clear stretch."},
    {"pauser", RuleKind::Strength, "pauses (>= 0.5 s) in a turn", ">= 1 pause in a turn with >= 10 s of speech",
     [](const FeedbackInput& in) {
       return anyTurn(in, [](const TurnContext& t) {
         return t.measures.speakingSeconds >= kPausesFromSeconds && t.measures.pauseCount >= 1;
       });
     },
     "Du holdt pauser undervejs, så dine ord kunne nå frem.", "You paused along the way, so your words could land.",
     "Empowerment: setting one's own pace (research note §4.3); 0.5 s is within the 0.2–1 s cut-offs of "
     "fluency research."},
    {"stemmen-holdt", RuleKind::Strength, "loudness, first vs last third of a turn",
     "fall-off < 3 LU in every turn with >= 6 s of speech",
     [](const FeedbackInput& in) {
       bool any = false;
       for (const auto& t : in.turns) {
         if (!measuredThirds(t)) continue;
         any = true;
         if (*t.measures.loudnessFallOffLu() >= kFallOffLu) return false;
       }
       return any;
     },
     "Du holdt stemmen oppe hele vejen igennem.", "You kept your voice up all the way through.",
     "±3 LU: the band within which the research note (§1.4) treats loudness as unchanged."},
    {"saa-paa-dem", RuleKind::Strength, "head turned to the one who asked (headset)",
     ">= 60 % of a turn with >= 3 s of speech",
     [](const FeedbackInput& in) {
       return anyTurn(in, [](const TurnContext& t) {
         return t.headsetGazeShare && *t.headsetGazeShare >= kGazeShare &&
                t.measures.speakingSeconds >= kGazeFromSeconds;
       });
     },
     "Du så på den, du talte med, mens du svarede.", "You looked at the person you were talking to while you answered.",
     "Eye contact is one of the few skills VR interview training gives feedback on; the head's direction only "
     "approximates the eyes, so it is praised when clear and never suggested: looking away can be what helps a "
     "citizen think."},
    {"blev-i-samtalen", RuleKind::Strength, "(always)", "used when no other strength applies",
     [](const FeedbackInput&) { return true; }, "Du blev i samtalen hele vejen.",
     "You stayed in the conversation all the way.",
     "Research note §4.2: with little speech, affirm presence and choice instead of content."},

    // ---- One thing to try next time, in priority order ----
    {"proev-introduktion", RuleKind::TryNext, "statement part 'introduktion'", "the first part not presented",
     [](const FeedbackInput& in) { return missingFirst(in, StatementPart::Introduktion); },
     "Næste gang kan du prøve at begynde med et par ord om, hvem du er.",
     "Next time, you could try starting with a few words about who you are.",
     "The statement's order; the first missing part is the next step."},
    {"proev-vigtigt", RuleKind::TryNext, "statement part 'vigtigt'", "the first part not presented",
     [](const FeedbackInput& in) { return missingFirst(in, StatementPart::Vigtigt); },
     "Næste gang kan du prøve at fortælle, hvad der er vigtigt for dig.",
     "Next time, you could try saying what matters to you.", "As above."},
    {"proev-hjaelp", RuleKind::TryNext, "statement part 'hjælp'", "the first part not presented",
     [](const FeedbackInput& in) { return missingFirst(in, StatementPart::Hjaelp); },
     "Næste gang kan du prøve at sige, hvad du gerne vil have hjælp til. Kortet med dit statement kan hjælpe dig på "
     "vej.",
     "Next time, you could try saying what you would like help with. Your statement card can help you along.",
     "As above."},
    {"proev-saa-jeg-kan", RuleKind::TryNext, "statement part 'så jeg kan'", "the first part not presented",
     [](const FeedbackInput& in) { return missingFirst(in, StatementPart::SaaJegKan); },
     "Næste gang kan du prøve at slutte med \"så jeg kan …\", så de andre hører, hvad hjælpen skal gøre for dig.",
     "Next time, you could try ending with \"so that I can …\", so the others hear what the help is for.", "As above."},
    {"proev-tempo", RuleKind::TryNext, "articulation rate (syllable nuclei per second of speech)",
     "> 6.0 syll/s in a turn with >= 5 s of speech",
     [](const FeedbackInput& in) {
       return anyTurn(in, [](const TurnContext& t) {
         return t.measures.speakingSeconds >= kRateTurnSeconds && t.measures.articulationRate > kFastSyllablesPerSecond;
       });
     },
     "Næste gang kan du prøve at tale lidt langsommere. Så får du selv tid til at tænke, og de andre tid til at lytte.",
     "Next time, you could try speaking a little more slowly. That gives you time to think, and the others time to "
     "listen.",
     "The nuclei counter measures Danish espeak-ng at 160 wpm as ≈ 5.0 syll/s and at 230 wpm as ≈ 6.6; 6.0 is "
     "≈ 20 % above normal, well past the ≈ 10 % tempo difference listeners notice (Quené)."},
    {"proev-stemme", RuleKind::TryNext, "loudness, first vs last third of a turn", "fall-off >= 3 LU, >= 6 s of speech",
     [](const FeedbackInput& in) {
       return anyTurn(
           in, [](const TurnContext& t) { return measuredThirds(t) && *t.measures.loudnessFallOffLu() >= kFallOffLu; });
     },
     "Næste gang kan du prøve at tage en rolig indånding før den sidste del, så stemmen bærer helt til ende.",
     "Next time, you could try taking a calm breath before the last part, so your voice carries to the end.",
     "Outside the ±3 LU band of the research note (§1.4); compares the person with themselves within one turn, "
     "so microphone gain does not matter."},
    {"proev-pause", RuleKind::TryNext, "pauses (>= 0.5 s) in a turn", "none in a turn with >= 20 s of speech",
     [](const FeedbackInput& in) {
       return anyTurn(in, [](const TurnContext& t) {
         return t.measures.speakingSeconds >= kNoPauseSeconds && t.measures.pauseCount == 0;
       });
     },
     "Næste gang kan du prøve at holde en lille pause mellem delene. Det giver både dig og de andre et pusterum.",
     "Next time, you could try a short pause between the parts. It gives both you and the others a breather.",
     "Pauses between clauses do not lower perceived fluency (Kahng); 20 s without one is long for a listener."},
    {"proev-sig-mere", RuleKind::TryNext, "speech in the answers (not the statement)",
     "every answer with speech under 3 s",
     [](const FeedbackInput& in) {
       bool any = false;
       for (const auto& t : in.turns) {
         if (t.statement || t.measures.speakingSeconds <= 0.0) continue;
         any = true;
         if (t.measures.speakingSeconds >= kShortAnswerSeconds) return false;
       }
       return any;
     },
     "Næste gang kan du prøve at sige lidt mere om det, der betyder noget for dig. Én sætning mere er nok.",
     "Next time, you could try saying a little more about what matters to you. One more sentence is enough.",
     "3 s is about one short sentence; one sentence more is a small, reachable step."},
    {"proev-oev-hoejt", RuleKind::TryNext, "(always)", "used when no other suggestion applies",
     [](const FeedbackInput&) { return true; },
     "Næste gang kan du prøve at sige dit statement højt én gang før mødet, så ordene ligger klar.",
     "Next time, you could try saying your statement out loud once before the meeting, so the words are ready.",
     "Rehearsal works through practise, feedback and practising again (issue 12)."},
};

}  // namespace

bool FeedbackInput::statementGiven() const {
  return partCount() > 0 || std::any_of(turns.begin(), turns.end(), [](const TurnContext& t) { return t.statement; });
}

int FeedbackInput::partCount() const { return int(std::count(partsPresented.begin(), partsPresented.end(), true)); }

std::span<const FeedbackRule> feedbackRules() { return kRules; }

Feedback chooseFeedback(const FeedbackInput& input, int maxStrengths) {
  Feedback f;
  const bool said = saidSomething(input);
  const FeedbackRule* presence = nullptr;
  for (const FeedbackRule& r : kRules) {
    if (r.kind == RuleKind::Strength) {
      if (r.id == "blev-i-samtalen") {
        presence = &r;
        continue;
      }
      // With under 2 s of speech only the statement's parts are affirmed (they come from the cue card).
      const bool fromCueCard = r.id == "alle-dele" || r.id == "del-vigtigt" || r.id == "del-hjaelp";
      if (int(f.strengths.size()) < std::max(1, maxStrengths) && (said || fromCueCard) && r.applies(input))
        f.strengths.push_back(&r);
    } else if (!f.tryNext && r.applies(input)) {
      f.tryNext = &r;
    }
  }
  if (f.strengths.empty()) f.strengths.push_back(presence);
  return f;
}

}  // namespace overum::speech

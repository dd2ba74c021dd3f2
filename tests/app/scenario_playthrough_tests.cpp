// Every shipped meeting, at every difficulty, with and without a bisidder, played to its end by many
// scripted citizens: each reaches the end, every line's speaker is seated, and together the runs
// visit every node the meeting has.
#include "meeting_fakes.h"
#include "meeting_setup.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <set>

using namespace overum;
namespace fs = std::filesystem;

namespace {

using Clock = testing::FakeClock;

// Lines last half a second plus 10 ms per character: long enough to pass through every phase.
struct TimedSpeech : testing::FakeSpeech {
  explicit TimedSpeech(const Clock& clock) : FakeSpeech(clock, 0.01, 0.5) {}
};

std::vector<fs::path> meetings() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator("scenarios"))
    if (entry.is_directory() && fs::exists(entry.path() / "cast.json")) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every meeting plays to its end at every difficulty, with and without a bisidder") {
  const auto folders = meetings();
  REQUIRE(folders.size() >= 3);
  for (const fs::path& folder : folders) {
    std::set<std::string> visited;
    std::size_t nodeCount = 0;
    for (const char* difficulty : {"stoettende", "neutral", "presset"}) {
      for (bool bisidder : {false, true}) {
        app::Options options;
        options.scenario = {folder};
        options.difficulty = difficulty;
        options.bisidder = bisidder;
        const app::MeetingSetup setup = app::prepareMeeting(options, "scenarios");
        INFO(folder.string() << " " << difficulty << (bisidder ? " with bisidder" : "") << ": " << setup.error);
        REQUIRE(setup.plan);
        for (const auto& warning : setup.warnings) WARN(warning);
        nodeCount = setup.plan->program->nodes.size();
        std::set<std::string> seated;
        for (const auto& s : setup.plan->speakers) seated.insert(s.name);

        for (std::uint64_t walk = 0; walk < 12; ++walk) {
          Clock clock;
          TimedSpeech speech(clock);
          meeting::Director director(setup.plan->program, setup.plan->speakers, speech);
          const auto problems = director.start(setup.plan->cast.start, walk + 1, setup.plan->variables, 0.0);
          REQUIRE(problems.empty());
          std::mt19937_64 random(walk);
          for (int step = 0; step < 90 * 60 * 30 && director.phase() != meeting::Phase::ended; ++step) {
            clock.now += 1.0 / 30.0;
            meeting::DirectorInput input;
            if (director.phase() == meeting::Phase::choosing) {
              std::vector<std::size_t> available;
              for (std::size_t i = 0; i < director.options().size(); ++i)
                if (director.options()[i].available) available.push_back(i);
              REQUIRE_FALSE(available.empty());
              input.choice = walk == 0 ? available.front() : available[random() % available.size()];
            }
            input.finished = director.phase() == meeting::Phase::statement || director.phase() == meeting::Phase::listening;
            input.resume = director.phase() == meeting::Phase::paused;
            director.update(clock.now, input);
            for (const auto& entry : director.takeLog()) {
              if (entry.kind == meeting::LogEntry::Kind::node) visited.insert(entry.text);
              if (entry.kind == meeting::LogEntry::Kind::line && !entry.who.empty() && entry.who != "Borger") {
                INFO(entry.text);
                CHECK(seated.count(entry.who) == 1);  // nobody speaks who is not at the table
              }
            }
          }
          CHECK(director.phase() == meeting::Phase::ended);
        }
      }
    }
    INFO(folder.string());
    CHECK(visited.size() == nodeCount);  // the walks between them reach every node
  }
}

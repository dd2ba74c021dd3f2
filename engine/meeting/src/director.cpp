// SPDX-License-Identifier: GPL-3.0-or-later
// The director's state machine over runner events; see director.h.
#include <overum/core/format.h>
#include <overum/core/strings.h>
#include <overum/meeting/director.h>
#include <overum/scenario/meeting_vocabulary.h>

namespace overum::meeting {

std::string_view phaseName(Phase phase) {
  switch (phase) {
    case Phase::notStarted: return "not started";
    case Phase::speaking: return "speaking";
    case Phase::waiting: return "waiting";
    case Phase::choosing: return "choosing";
    case Phase::statement: return "statement";
    case Phase::listening: return "listening";
    case Phase::paused: return "paused";
    case Phase::ended: return "ended";
  }
  return "?";
}

Director::Director(std::shared_ptr<const scenario::Program> program, std::vector<Speaker> cast, SpeechOutput& speech,
                   DirectorConfig config)
    : runner_(std::move(program)), cast_(std::move(cast)), speech_(speech), config_(config) {
  for (const Speaker& s : cast_) {
    CharacterState state;
    state.id = s.id;
    state.name = s.name;
    characters_.push_back(state);
  }
}

std::vector<std::string> Director::start(std::string_view node, std::uint64_t seed,
                                         const std::vector<std::pair<std::string, scenario::Value>>& variables,
                                         double now) {
  std::vector<std::string> problems;
  if (!runner_.start(node, seed)) {
    problems.push_back(format("the scenario has no node named `{}`", node));
    phase_ = Phase::ended;
    return problems;
  }
  for (const auto& [name, value] : variables)
    if (!runner_.setVariable(name, value))
      problems.push_back(
          format("the scenario does not use ${} (as {}); it is ignored", name, scenario::typeName(value.type)));
  lastUpdate_ = now;
  advance(now);
  return problems;
}

std::string_view Director::currentNode() const {
  const auto& nodes = runner_.program().nodes;
  const std::uint32_t node = runner_.current().node;
  return node < nodes.size() ? std::string_view(nodes[node].title) : std::string_view();
}

CharacterState* Director::character(std::string_view idOrName) {
  for (CharacterState& c : characters_)
    if (c.id == idOrName || c.name == idOrName) return &c;
  return nullptr;
}

void Director::everyoneLooksAt(const GazeTarget& target, const std::string& except) {
  for (CharacterState& c : characters_)
    if (c.id != except) c.lookAt = target;
}

void Director::logEntry(LogEntry::Kind kind, double now, std::string who, std::string text) {
  log_.push_back(LogEntry{now, kind, std::move(who), std::move(text)});
}

void Director::update(double now, const DirectorInput& input) {
  const double previous = lastUpdate_;
  lastUpdate_ = now;
  if (phase_ == Phase::notStarted || phase_ == Phase::ended) return;
  if (interjection_ && phase_ != Phase::paused) {
    if (input.pause) speech_.stop();
    else if (speech_.busy()) return;
    // The facilitator's line is over: back to where the scenario was, repeating an interrupted line.
    for (CharacterState& c : characters_) c.speaking = false;
    phase_ = interjection_->resumePhase;
    caption_ = interjection_->caption;
    interjection_.reset();
    if (phase_ == Phase::speaking && lineSpeaker_) speech_.speak(*lineSpeaker_, lineId_, lineText_);
    if (phase_ == Phase::waiting) waitUntil_ = std::max(waitUntil_, now + config_.beatAfterLine);
    if (!input.pause) return;
  }

  if (phase_ == Phase::paused) {
    if (!input.resume) return;
    phase_ = beforePause_;
    logEntry(LogEntry::Kind::resumed, now, {}, {});
    giveTurnBack(now);
    if (phase_ == Phase::speaking && lineSpeaker_) {
      speech_.speak(*lineSpeaker_, lineId_, lineText_);  // from the start of the line, not mid-word
      caption_ = Caption{lineSpeaker_->name, lineText_};
    }
    if (phase_ == Phase::waiting) waitUntil_ = std::max(waitUntil_, now + config_.beatAfterLine);
    return;
  }
  if (input.pause) {
    beforePause_ = phase_;
    phase_ = Phase::paused;
    pausedAt_ = now;
    speech_.stop();
    for (CharacterState& c : characters_) c.speaking = false;
    logEntry(LogEntry::Kind::paused, now, {}, {});
    return;
  }

  switch (phase_) {
    case Phase::speaking:
      if (!speech_.busy()) {
        for (CharacterState& c : characters_) c.speaking = false;
        phase_ = Phase::waiting;
        waitUntil_ = now + config_.beatAfterLine;
      }
      break;
    case Phase::waiting:
      if (now >= waitUntil_) advance(now);
      break;
    case Phase::choosing:
      if (input.choice && *input.choice < options_.size() && options_[*input.choice].available) {
        const std::string chosen = options_[*input.choice].text;
        if (runner_.choose(*input.choice)) {
          logEntry(LogEntry::Kind::choice, now, "borger", chosen);
          options_.clear();
          advance(now);
        }
      }
      break;
    case Phase::statement:
    case Phase::listening: {
      if (input.citizenSpeaking) {
        spokenSeconds_ += now - previous;
        lastVoice_ = now;
        turnHeardVoice_ = true;
      }
      const bool quietAfterSpeaking = turnHeardVoice_ && now - lastVoice_ >= config_.silenceToFinish;
      if (input.finished || quietAfterSpeaking || now - turnStart_ >= turnMax_) {
        log_.push_back(LogEntry{now,
                                phase_ == Phase::statement ? LogEntry::Kind::statement : LogEntry::Kind::answer,
                                "borger",
                                {},
                                now - turnStart_,
                                spokenSeconds_});
        for (CharacterState& c : characters_) c.listening = false;
        advance(now);
      }
      break;
    }
    default: break;
  }
}

void Director::skipLine(double now) {
  if (phase_ != Phase::speaking && phase_ != Phase::waiting) return;
  speech_.stop();
  for (CharacterState& c : characters_) c.speaking = false;
  logEntry(LogEntry::Kind::facilitator, now, {}, "skip");
  phase_ = Phase::waiting;
  waitUntil_ = now;
}

bool Director::jumpTo(std::string_view node, double now) {
  const scenario::Program& program = runner_.program();
  if (program.findNode(node) < 0) return false;
  std::vector<std::pair<std::string, scenario::Value>> kept;
  for (const scenario::VariableInfo& v : program.variables)
    if (const scenario::Value* value = runner_.variable(v.name)) kept.emplace_back(v.name, *value);
  speech_.stop();
  interjection_.reset();
  options_.clear();
  for (CharacterState& c : characters_) c.speaking = c.listening = false;
  runner_.start(node, now * 1000.0 > 0 ? std::uint64_t(now * 1000.0) : 1);
  for (const auto& [name, value] : kept) runner_.setVariable(name, value);
  logEntry(LogEntry::Kind::facilitator, now, {}, format("jump {}", node));
  phase_ = Phase::waiting;
  waitUntil_ = now;
  return true;
}

bool Director::resumeFrom(std::string_view checkpoint, double now) {
  if (!runner_.restoreState(checkpoint)) return false;
  checkpoint_ = std::string(checkpoint);
  speech_.stop();
  interjection_.reset();
  caption_.reset();
  options_.clear();
  for (CharacterState& c : characters_) c.speaking = c.listening = false;
  logEntry(LogEntry::Kind::node, now, {}, std::string(currentNode()));
  // The runner stands just after entering the node: the next advance runs its body from the top.
  phase_ = Phase::waiting;
  waitUntil_ = now;
  lastUpdate_ = now;
  return true;
}

bool Director::setVariable(std::string_view name, const scenario::Value& value, double now) {
  if (!runner_.setVariable(name, value)) return false;
  logEntry(LogEntry::Kind::facilitator, now, {}, format("set ${} {}", name, value.asString()));
  return true;
}

bool Director::say(std::string_view characterIdOrName, const std::string& text, double now) {
  return interject(characterIdOrName, {}, text, now);
}

bool Director::repeatLine(double now) {
  if (!canRepeatLine()) return false;
  const Speaker last = *lineSpeaker_;  // interject() may replace the line being spoken
  return interject(last.id, lineId_, lineText_, now);
}

bool Director::interject(std::string_view characterIdOrName, const std::string& lineId, const std::string& text,
                         double now) {
  CharacterState* speaker = character(characterIdOrName);
  if (!speaker || phase_ == Phase::ended || phase_ == Phase::notStarted) return false;
  speech_.stop();
  if (!interjection_) interjection_ = Interjection{phase_ == Phase::paused ? beforePause_ : phase_, caption_};
  if (phase_ == Phase::paused) {
    phase_ = beforePause_;
    giveTurnBack(now);
  }
  for (CharacterState& c : characters_) c.speaking = false;
  speaker->speaking = true;
  speaker->lookAt = GazeTarget::citizen();
  everyoneLooksAt(GazeTarget::atCharacter(speaker->id), speaker->id);
  caption_ = Caption{speaker->name, text};
  logEntry(LogEntry::Kind::facilitator, now, speaker->name, text);
  speech_.speak(Speaker{speaker->id, speaker->name}, lineId, text);  // a line id: its recorded voice, if any
  return true;
}

bool Director::setMood(std::string_view characterIdOrName, Mood mood, double now) {
  CharacterState* c = character(characterIdOrName);
  if (!c) return false;
  c->mood = mood;
  logEntry(LogEntry::Kind::facilitator, now, c->name, format("mood {}", wordOf(mood)));
  return true;
}

bool Director::gesture(std::string_view characterIdOrName, Gesture what, double now) {
  CharacterState* c = character(characterIdOrName);
  if (!c) return false;
  c->gesture = what;
  c->gestureStart = now;
  logEntry(LogEntry::Kind::facilitator, now, c->name, format("gesture {}", wordOf(what)));
  return true;
}

void Director::end(double now) {
  if (phase_ == Phase::ended) return;
  speech_.stop();
  interjection_.reset();
  phase_ = Phase::ended;
  caption_.reset();
  options_.clear();
  logEntry(LogEntry::Kind::ended, now, {}, "ended by the facilitator");
  if (characters_.empty()) return;
  // As real meetings end: the one leading it (the cast's first) says goodbye, not silence mid-sentence.
  CharacterState& lead = characters_.front();
  const std::string goodbye(tr("meeting.goodbye"));
  for (CharacterState& c : characters_) c.speaking = c.listening = false;
  lead.speaking = true;
  lead.lookAt = GazeTarget::citizen();
  everyoneLooksAt(GazeTarget::atCharacter(lead.id), lead.id);
  caption_ = Caption{lead.name, goodbye};
  logEntry(LogEntry::Kind::line, now, lead.name, goodbye);
  speech_.speak(Speaker{lead.id, lead.name}, {}, goodbye);
}

void Director::advance(double now) {
  // A scenario that jumps in a circle without saying anything must not hang the frame loop.
  for (int steps = 0; steps < 100000; ++steps) {
    const scenario::Event& event = runner_.next();
    switch (event.kind) {
      case scenario::EventKind::Node:
        checkpoint_ = runner_.saveState();
        logEntry(LogEntry::Kind::node, now, {}, runner_.program().nodes[event.node].title);
        continue;
      case scenario::EventKind::Line: onLine(event, now); return;
      case scenario::EventKind::Options: {
        options_.clear();
        std::string texts;
        for (const scenario::OptionEvent& option : event.options) {
          options_.push_back({option.text, option.available});
          texts += (texts.empty() ? "" : " | ") + option.text;
        }
        phase_ = Phase::choosing;
        everyoneLooksAt(GazeTarget::citizen());
        logEntry(LogEntry::Kind::options, now, {}, texts);
        return;
      }
      case scenario::EventKind::Command:
        // Only a command that waits stops here: the phase may still be the turn that just ended.
        if (onCommand(event, now)) return;
        continue;
      case scenario::EventKind::End:
      case scenario::EventKind::None:
        phase_ = Phase::ended;
        caption_.reset();
        options_.clear();
        // Goodbye said: a nod to the citizen to close it, instead of staring on in silence.
        for (CharacterState& c : characters_) {
          c.speaking = c.listening = false;
          c.lookAt = GazeTarget::citizen();
          c.gesture = Gesture::nod;
          c.gestureStart = now;
        }
        logEntry(LogEntry::Kind::ended, now, {}, std::string(event.error));  // why, when a scenario error ended it
        return;
    }
  }
  phase_ = Phase::ended;
  logEntry(LogEntry::Kind::ended, now, {}, "the scenario ran 100000 steps without a line; it was stopped");
}

void Director::onLine(const scenario::Event& event, double now) {
  const scenario::LineInfo& line = runner_.program().lines[event.line];
  lineText_ = std::string(event.text);
  lineId_ = line.id;
  CharacterState* speaker = line.speaker.empty() ? nullptr : character(line.speaker);
  logEntry(LogEntry::Kind::line, now, line.speaker, lineText_);
  if (!speaker) {
    // Narration, or the citizen's own words: a caption for as long as it takes to read.
    lineSpeaker_.reset();
    caption_ = Caption{line.speaker, lineText_};
    phase_ = Phase::waiting;
    waitUntil_ = now + std::max(1.5, config_.narrationSecondsPerChar * double(lineText_.size()));
    return;
  }
  for (CharacterState& c : characters_) c.speaking = false;
  speaker->speaking = true;
  speaker->lookAt = GazeTarget::citizen();
  everyoneLooksAt(GazeTarget::atCharacter(speaker->id), speaker->id);
  lineSpeaker_ = Speaker{speaker->id, speaker->name};
  caption_ = Caption{speaker->name, lineText_};
  phase_ = Phase::speaking;
  speech_.speak(*lineSpeaker_, lineId_, lineText_);
}

bool Director::onCommand(const scenario::Event& event, double now) {
  const scenario::CommandInfo& info = runner_.program().commands[event.command];
  std::vector<std::string> args;
  std::string text = info.name;
  for (const scenario::Value& v : event.args) {
    args.push_back(v.asString());
    text += " " + args.back();
  }
  logEntry(info.name == "facilitator" ? LogEntry::Kind::hint : LogEntry::Kind::command, now, {},
           info.name == "facilitator" && !args.empty() ? args[0] : text);
  const auto arg = [&](std::size_t i) { return i < args.size() ? args[i] : std::string(); };
  const auto seconds = [&](std::size_t i) {
    return i < event.args.size() ? std::max(0.0, event.args[i].asNumber()) : 0.0;
  };

  // The scenario's words become types here, once; `overum check` has already refused unknown ones.
  if (info.name == "mood") {
    CharacterState* c = character(arg(0));
    if (const auto mood = parseMood(arg(1)); c && mood) c->mood = *mood;
  } else if (info.name == "look") {
    if (CharacterState* c = character(arg(0))) {
      const CharacterState* target = character(arg(1));
      c->lookAt =
          target ? GazeTarget::atCharacter(target->id) : parseGazeTarget(arg(1)).value_or(GazeTarget::citizen());
    }
  } else if (info.name == "gesture") {
    CharacterState* c = character(arg(0));
    if (const auto gesture = parseGesture(arg(1)); c && gesture) {
      c->gesture = *gesture;
      c->gestureStart = now;
    }
  } else if (info.name == "wait") {
    phase_ = Phase::waiting;
    waitUntil_ = now + seconds(0);
    return true;
  } else if (info.name == "statement") {
    beginCitizenTurn(Phase::statement, config_.statementMaxSeconds, now);
    return true;
  } else if (info.name == "listen") {
    beginCitizenTurn(Phase::listening, seconds(0), now);
    return true;
  } else if (info.name == "pause") {
    beforePause_ = Phase::waiting;
    waitUntil_ = now;
    phase_ = Phase::paused;
    pausedAt_ = now;
    logEntry(LogEntry::Kind::paused, now, {}, {});
    return true;
  }
  return false;
}

void Director::giveTurnBack(double now) {
  if (phase_ != Phase::statement && phase_ != Phase::listening) return;
  // The pause is cut out of the turn: its time on the floor, its limit and its silence go on from
  // where they stood.
  const double pausedFor = now - pausedAt_;
  turnStart_ += pausedFor;
  if (lastVoice_ >= 0.0) lastVoice_ += pausedFor;
}

void Director::beginCitizenTurn(Phase phase, double maxSeconds, double now) {
  phase_ = phase;
  turnStart_ = now;
  turnMax_ = maxSeconds;
  spokenSeconds_ = 0.0;
  lastVoice_ = -1.0;
  turnHeardVoice_ = false;
  for (CharacterState& c : characters_) {
    c.speaking = false;
    c.listening = true;
    c.lookAt = GazeTarget::citizen();
  }
}

}  // namespace overum::meeting

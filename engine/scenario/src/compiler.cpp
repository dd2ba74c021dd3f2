// SPDX-License-Identifier: GPL-3.0-or-later
// The compiler: parse every file, gather nodes and declarations, type-check and emit each node into
// the flat instruction array, then run the whole-program checks (analysis.cpp).
//
// Sections: 1. setup and tables  2. expressions (types, constants)  3. statements  4. compile()
#include <overum/scenario/compiler.h>

#include "analysis.h"
#include "ast.h"
#include "functions.h"
#include "ops.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace overum::scenario {

namespace {

struct FileLoc {
  std::uint32_t file;
  Loc loc;
};

// Hash maps keyed by std::string that can be searched with the parse tree's string_views.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;
using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;

std::string dollar(std::string_view name) { return "$" + std::string(name); }
std::string cmdName(std::string_view name) { return "<<" + std::string(name) + ">>"; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string joined(const std::vector<std::string>& words, std::size_t max = 12) {
  std::string s;
  for (std::size_t i = 0; i < words.size() && i < max; ++i) s += (i ? ", " : "") + words[i];
  if (words.size() > max) s += ", ...";
  return s;
}

std::string aType(Type t) {
  switch (t) {
    case Type::Number: return "a number";
    case Type::String: return "text (a string)";
    case Type::Bool: return "true/false (a bool)";
    default: return "unknown";
  }
}

class Compiler {
 public:
  Compiler(std::span<const SourceFile> files, const Vocabulary& vocab, const CompileOptions& options,
           std::vector<Diagnostic>& diags)
      : files_(files), vocab_(vocab), options_(options), diags_(diags) {}

  std::shared_ptr<Program> run();

 private:
  // ---- 1. setup and tables --------------------------------------------------------------------
  Reporter& rep() { return reporters_[file_]; }
  std::string where(const FileLoc& at) const { return files_[at.file].path + ":" + std::to_string(at.loc.line); }
  SourceLoc sourceLoc(Loc l) const { return {file_, l.line, l.col}; }

  std::uint32_t emit(Op op, std::uint32_t a = 0, std::uint32_t b = 0) {
    prog_->code.push_back({op, a, b});
    return static_cast<std::uint32_t>(prog_->code.size() - 1);
  }
  std::uint32_t pc() const { return static_cast<std::uint32_t>(prog_->code.size()); }
  std::uint32_t constant(Value v) {
    prog_->constants.push_back(std::move(v));
    return static_cast<std::uint32_t>(prog_->constants.size() - 1);
  }

  // ---- enums: a static type on top of text. A case is a string at run time (its name); the
  // compiler keeps each variable's enum so only values of the same enum meet.
  struct EnumDef {
    std::string name;
    std::vector<std::string> cases;
  };

  void defineEnum(const Stmt& s) {
    auto [it, fresh] = enumIndex_.emplace(std::string(s.var), static_cast<std::uint32_t>(enums_.size()));
    if (!fresh) {
      rep().error(s.varLoc, "there is already an enum named " + q(s.var) + " (at " + where(enumAt_[it->second]) + ")",
                  "rename one of them");
      return;
    }
    EnumDef def{std::string(s.var), {}};
    for (const TextTemplate& c : s.args) {
      if (std::find(def.cases.begin(), def.cases.end(), c.source) != def.cases.end()) {
        rep().error(c.loc, "enum " + q(s.var) + " has the case " + q(c.source) + " twice", "keep one of them");
        continue;
      }
      def.cases.emplace_back(c.source);
    }
    enums_.push_back(std::move(def));
    enumAt_.push_back({file_, s.varLoc});
  }

  // The enum a case names (`Humoer.Rolig`), or `implied` for `.Rolig`; -1 with a message when unknown.
  int enumCase(const Expr& e, int implied, std::string* caseName, bool report) {
    const std::size_t dot = e.text.find('.');
    const std::string_view name = e.text.substr(0, dot), value = e.text.substr(dot + 1);
    int id = implied;
    if (!name.empty()) {
      const auto it = enumIndex_.find(name);
      id = it == enumIndex_.end() ? -1 : static_cast<int>(it->second);
      if (id < 0) {
        if (report) {
          std::vector<std::string> names;
          for (const EnumDef& d : enums_) names.push_back(d.name);
          const std::string near = closestMatch(name, names);
          rep().error(e.loc, "no enum named " + q(name),
                      near.empty() ? "declare it with `<<enum " + std::string(name) +
                                         ">>`, one `<<case Name>>` per value and `<<endenum>>`"
                                   : "did you mean " + q(near) + "?");
        }
        return -1;
      }
    } else if (id < 0) {
      if (report)
        rep().error(e.loc, "cannot tell which enum " + q(e.text) + " belongs to",
                    "write the enum's name before it, e.g. `Humoer" + std::string(e.text) + "`");
      return -1;
    }
    const EnumDef& d = enums_[id];
    if (std::find(d.cases.begin(), d.cases.end(), value) == d.cases.end()) {
      if (report) {
        const std::string near = closestMatch(value, d.cases);
        rep().error(
            e.loc, "enum " + q(d.name) + " has no case " + q(value),
            near.empty() ? "its cases are: " + joined(d.cases) : "did you mean " + q(d.name + "." + near) + "?");
      }
      return -1;
    }
    if (caseName) *caseName = std::string(value);
    return id;
  }

  // The enum an expression's value belongs to as far as it is known without context; -1: none.
  int enumOf(const Expr& e) {
    if (enums_.empty()) return -1;
    if (e.kind == Expr::Kind::Var) {
      const auto it = varIndex_.find(e.text);
      return it == varIndex_.end() ? -1 : varEnum_[it->second];
    }
    if (e.kind == Expr::Kind::EnumCase && e.text[0] != '.') return enumCase(e, -1, nullptr, false);
    return -1;
  }

  static bool implied(const Expr& e) { return e.kind == Expr::Kind::EnumCase && e.text[0] == '.'; }

  std::string aValue(Type t, int enumId) const {
    return enumId >= 0 ? "a " + q(enums_[enumId].name) + " value" : aType(t);
  }

  void declare(const Stmt& s) {
    if (implied(*s.value)) {
      rep().error(s.value->loc, "the starting value of " + q(dollar(s.var)) + " must name its enum",
                  "write e.g. `Humoer" + std::string(s.value->text) + "`");
      return;
    }
    if (vocab_.variables.count(s.var)) {
      rep().error(s.varLoc, q(dollar(s.var)) + " is provided by Øverum and cannot be declared",
                  "remove this <<declare>>; the value is filled in for you");
      return;
    }
    // An enum case is checked here, so a misspelt one gets its own message.
    if (s.value->kind == Expr::Kind::EnumCase && enumCase(*s.value, -1, nullptr, true) < 0) return;
    const std::optional<Value> v = constEval(*s.value, false);
    if (!v) {
      rep().error(s.value->loc, "the starting value of " + q(dollar(s.var)) + " must be a plain value",
                  "write e.g. `0`, `\"neutral\"` or `false`");
      return;
    }
    if (!s.declaredType.empty() && s.declaredType != typeName(v->type))
      rep().error(
          s.varLoc,
          q(dollar(s.var)) + " is declared `as " + std::string(s.declaredType) + "` but starts as " + aType(v->type),
          "make the value and the type agree");
    auto [it, fresh] = varIndex_.emplace(std::string(s.var), static_cast<std::uint32_t>(prog_->variables.size()));
    if (!fresh) {
      const FileLoc& first = declaredAt_.find(s.var)->second;
      rep().error(s.varLoc, q(dollar(s.var)) + " is declared twice (first at " + where(first) + ")",
                  "keep one <<declare>>");
      return;
    }
    declaredAt_.emplace(std::string(s.var), FileLoc{file_, s.varLoc});
    if (const auto set = vocab_.settable.find(s.var); set != vocab_.settable.end() && set->second != v->type)
      rep().error(
          s.varLoc,
          "Øverum sets " + q(dollar(s.var)) + " to " + aType(set->second) + ", but it is declared as " + aType(v->type),
          set->second == Type::Bool     ? "declare it as `false`"
          : set->second == Type::String ? "declare it with text in quotes"
                                        : "declare it as a number");
    const int en = s.value->kind == Expr::Kind::EnumCase ? enumOf(*s.value) : -1;
    prog_->variables.push_back(
        {std::string(s.var), *v, false, en >= 0 ? enums_[en].cases : std::vector<std::string>{}});
    varEnum_.push_back(en);
  }

  // ---- 2. expressions ----------------------------------------------------------------------------
  // Value of an expression when it is fixed at compile time. With `useEnv`, variables that are never
  // <<set>> count as their starting value (used to find options that can never be available).
  std::optional<Value> constEval(const Expr& e, bool useEnv, int depth = 0) {
    if (depth > 250) return std::nullopt;
    switch (e.kind) {
      case Expr::Kind::Number: return Value::fromNumber(e.number);
      case Expr::Kind::Bool: return Value::fromBool(e.number != 0);
      case Expr::Kind::String: return Value::fromString(std::string(e.text));
      case Expr::Kind::EnumCase: {
        std::string name;
        if (e.text[0] == '.' || enumCase(e, -1, &name, false) < 0) return std::nullopt;
        return Value::fromString(std::move(name));
      }
      case Expr::Kind::Var: {
        if (!useEnv || assigned_.count(e.text) || vocab_.settable.count(e.text)) return std::nullopt;
        const auto it = varIndex_.find(e.text);
        if (it == varIndex_.end() || prog_->variables[it->second].host) return std::nullopt;
        return prog_->variables[it->second].initial;
      }
      case Expr::Kind::Unary: {
        auto v = constEval(e.args[0], useEnv, depth + 1);
        if (!v) return v;
        if (e.op == Op::Neg && v->type == Type::Number) return Value::fromNumber(-v->number);
        if (e.op == Op::Not && v->type == Type::Bool) return Value::fromBool(v->number == 0);
        return std::nullopt;
      }
      case Expr::Kind::Binary: {
        auto l = constEval(e.args[0], useEnv, depth + 1);
        auto r = constEval(e.args[1], useEnv, depth + 1);
        if (!l || !r || l->type != r->type) return std::nullopt;
        applyBinary(e.op, *l, *r);
        return l;
      }
      case Expr::Kind::Call: {
        const int f = findFunction(e.text);
        if (f < 0 || f <= static_cast<int>(Fn::Dice)) return std::nullopt;  // visited/random: run time only
        const FunctionSpec& spec = functionSpec(static_cast<Fn>(f));
        if (e.args.size() != spec.arity) return std::nullopt;
        Value args[2];
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          auto a = constEval(e.args[i], useEnv, depth + 1);
          if (!a || (spec.params[i] != Type::Any && a->type != spec.params[i])) return std::nullopt;
          args[i] = std::move(*a);
        }
        return callPure(static_cast<Fn>(f), args);
      }
    }
    return std::nullopt;
  }

  std::vector<std::string> variableNames() const {
    std::vector<std::string> names;
    for (const auto& v : prog_->variables) names.push_back(v.name);
    return names;
  }

  int variable(std::string_view name, Loc at) {
    const auto it = varIndex_.find(name);
    if (it != varIndex_.end()) return static_cast<int>(it->second);
    const std::string near = closestMatch(name, variableNames());
    rep().error(at, "variable " + q(dollar(name)) + " is not declared",
                near.empty() ? "declare it once, e.g. `<<declare " + dollar(name) + " = 0>>`"
                             : "did you mean " + q(dollar(near)) + "?");
    return -1;
  }

  bool requireBool(Type t, Loc at, const std::string& what) {
    if (t == Type::Bool || t == Type::Error) return t == Type::Bool;
    rep().error(at, what + " must be true or false, but it is " + aType(t),
                "compare it, e.g. `$x > 0` or `$x == \"neutral\"`");
    return false;
  }

  // `x / 0` has no value; the runner makes it 0 so that a meeting never says "Infinity", and a
  // divisor that is 0 already when the scenario is written is an error.
  void divisorNotZero(Op op, const Expr& divisor) {
    if (op != Op::Div && op != Op::Mod) return;
    const auto v = constEval(divisor, false, 0);
    if (v && v->type == Type::Number && v->number == 0)
      rep().error(divisor.loc, std::string("division by zero: ") + q(opSymbol(op)) + " by 0 has no value",
                  "divide by another number, or leave the division out");
  }

  Type binaryType(Op op, Type l, Type r, Loc at) {
    if (l == Type::Error || r == Type::Error) return Type::Error;
    const std::string sym = q(opSymbol(op));
    switch (op) {
      case Op::Add:
        if (l == r && (l == Type::Number || l == Type::String)) return l;
        rep().error(at, "cannot use " + sym + " on " + aType(l) + " and " + aType(r),
                    l == Type::String || r == Type::String
                        ? "turn the other side into text with `string(...)`, or put it in the line as {...}"
                        : "`+` adds numbers or joins text");
        return Type::Error;
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod:
        if (l == Type::Number && r == Type::Number) return Type::Number;
        rep().error(at, sym + " needs numbers on both sides, but got " + aType(l) + " and " + aType(r),
                    "use `number(...)` to turn text into a number");
        return Type::Error;
      case Op::Eq:
      case Op::Neq:
        if (l == r) return Type::Bool;
        rep().error(at, "cannot compare " + aType(l) + " with " + aType(r),
                    "compare values of the same kind, e.g. `$svaerhed == \"presset\"`");
        return Type::Error;
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
        if (l == Type::Number && r == Type::Number) return Type::Bool;
        rep().error(at, sym + " compares numbers, but got " + aType(l) + " and " + aType(r),
                    "use `==` or `!=` for text and true/false");
        return Type::Error;
      default:  // and, or, xor
        if (l == Type::Bool && r == Type::Bool) return Type::Bool;
        rep().error(at, sym + " needs true/false on both sides, but got " + aType(l) + " and " + aType(r),
                    "compare first, e.g. `$x > 0 and $bisidder`");
        return Type::Error;
    }
  }

  // `impliedEnum`: the enum a `.Case` here belongs to, known from the other side of `==` or from the
  // variable being set; -1 when none is.
  Type expr(const Expr& e, int impliedEnum = -1) {
    switch (e.kind) {
      case Expr::Kind::EnumCase: {
        std::string name;
        if (enumCase(e, impliedEnum, &name, true) < 0) return Type::Error;
        emit(Op::Push, constant(Value::fromString(std::move(name))));
        return Type::String;
      }
      case Expr::Kind::Number: emit(Op::Push, constant(Value::fromNumber(e.number))); return Type::Number;
      case Expr::Kind::Bool: emit(Op::Push, constant(Value::fromBool(e.number != 0))); return Type::Bool;
      case Expr::Kind::String: emit(Op::Push, constant(Value::fromString(std::string(e.text)))); return Type::String;
      case Expr::Kind::Var: {
        const int v = variable(e.text, e.loc);
        if (v < 0) return Type::Error;
        emit(Op::Load, static_cast<std::uint32_t>(v));
        return prog_->variables[v].initial.type;
      }
      case Expr::Kind::Unary: {
        const Type t = expr(e.args[0]);
        emit(e.op);
        if (t == Type::Error) return t;
        if (e.op == Op::Neg) {
          if (t == Type::Number) return t;
          rep().error(e.loc, "`-` needs a number, but got " + aType(t), "use `not` to negate true/false");
          return Type::Error;
        }
        if (t == Type::Bool) return t;
        rep().error(e.loc, "`not` needs true/false, but got " + aType(t), "compare first, e.g. `not ($x > 0)`");
        return Type::Error;
      }
      case Expr::Kind::Binary: {
        int le = enumOf(e.args[0]), re = enumOf(e.args[1]);
        if (implied(e.args[0])) le = re;
        if (implied(e.args[1])) re = le;
        const Type l = expr(e.args[0], le);
        const Type r = expr(e.args[1], re);
        emit(e.op);
        divisorNotZero(e.op, e.args[1]);
        if ((le < 0 && re < 0) || l == Type::Error || r == Type::Error) return binaryType(e.op, l, r, e.loc);
        // Enums: only == and != between values of the same enum.
        if (e.op != Op::Eq && e.op != Op::Neq) {
          rep().error(e.loc, q(opSymbol(e.op)) + " cannot be used on " + aValue(l, le >= 0 ? le : re),
                      "enum values can only be compared with `==` and `!=`");
          return Type::Error;
        }
        if (le == re) return Type::Bool;
        rep().error(e.loc, "cannot compare " + aValue(l, le) + " with " + aValue(r, re),
                    "compare with a case of the same enum, e.g. `$x == " + enums_[le >= 0 ? le : re].name + "." +
                        enums_[le >= 0 ? le : re].cases[0] + "`");
        return Type::Error;
      }
      case Expr::Kind::Call: return call(e);
    }
    return Type::Error;
  }

  Type call(const Expr& e) {
    const int f = findFunction(e.text);
    if (f < 0) {
      std::vector<std::string> names;
      for (int i = 0; i < static_cast<int>(Fn::Count); ++i) names.emplace_back(functionSpec(static_cast<Fn>(i)).name);
      const std::string near = closestMatch(e.text, names);
      rep().error(e.loc, "unknown function " + q(std::string(e.text) + "()"),
                  near.empty() ? "known functions: " + joined(names, 20) : "did you mean " + q(near + "()") + "?");
      for (const Expr& a : e.args) expr(a);
      return Type::Error;
    }
    const FunctionSpec& spec = functionSpec(static_cast<Fn>(f));
    bool ok = true;
    if (e.args.size() != spec.arity) {
      rep().error(e.loc,
                  q(std::string(e.text) + "()") + " takes " + plural(spec.arity, "argument", "arguments") + ", not " +
                      std::to_string(e.args.size()),
                  spec.arity == 0 ? "write " + q(std::string(e.text) + "()")
                                  : "write e.g. " + q(std::string(e.text) + (spec.arity == 1 ? "(1)" : "(1, 6)")));
      ok = false;
    }
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      const Type t = expr(e.args[i]);
      if (i < spec.arity && spec.params[i] != Type::Any && t != Type::Error && t != spec.params[i]) {
        rep().error(e.args[i].loc,
                    q(std::string(e.text) + "()") + " needs " + aType(spec.params[i]) + " here, but got " + aType(t),
                    spec.params[i] == Type::String ? "put node names in quotes: visited(\"Start\")" : "");
        ok = false;
      }
    }
    // visited("Node"): the node must exist.
    if ((f == static_cast<int>(Fn::Visited) || f == static_cast<int>(Fn::VisitedCount)) && e.args.size() == 1 &&
        e.args[0].kind == Expr::Kind::String && !nodeIndex_.count(e.args[0].text)) {
      unknownNode(e.args[0].text, e.args[0].loc);
      ok = false;
    }
    emit(Op::Call, static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(e.args.size()));
    return ok ? spec.result : Type::Error;
  }

  void unknownNode(std::string_view name, Loc at) {
    const std::string near = closestMatch(name, titles_);
    rep().error(at, "no node named " + q(name),
                near.empty() ? "add a node with `title: " + std::string(name) + "`, or check the spelling"
                             : "did you mean " + q(near) + "?");
  }

  // ---- 3. statements ------------------------------------------------------------------------------
  std::uint32_t addLine(Stmt& s, std::uint8_t kind) {
    LineInfo info;
    info.id = s.lineId;
    info.speaker = s.speaker;
    info.pieces.assign(s.text.pieces.begin(), s.text.pieces.end());
    info.source = s.text.source;
    info.tags.assign(s.tags.begin(), s.tags.end());
    info.node = node_;
    info.kind = kind;
    info.hasCondition = s.hasCond || s.once;
    info.loc = sourceLoc(s.loc);
    if (!s.lineId.empty()) lineIds_.push_back({s.lineId, FileLoc{file_, s.idLoc}});
    if (const std::size_t length = utf8Length(s.text.source);
        vocab_.maxLineCharacters && length > vocab_.maxLineCharacters)
      rep().error(s.loc,
                  "this line has " + std::to_string(length) + " characters; a line may have at most " +
                      std::to_string(vocab_.maxLineCharacters) + " (about 40 seconds of speech)",
                  "split it into several shorter lines");
    if (!s.speaker.empty() && vocab_.speakers && !vocab_.speakers->count(s.speaker)) {
      const std::vector<std::string> cast(vocab_.speakers->begin(), vocab_.speakers->end());
      const std::string near = closestMatch(s.speaker, cast);
      rep().error(
          s.speakerLoc, "unknown speaker " + q(s.speaker),
          near.empty() ? "speakers are the cast in cast.json: " + joined(cast) : "did you mean " + q(near) + "?");
    }
    prog_->lines.push_back(std::move(info));
    return static_cast<std::uint32_t>(prog_->lines.size() - 1);
  }

  void interpolations(const TextTemplate& t) {
    for (const Expr& e : t.exprs) expr(e);
  }

  // Emits the condition of an option/line-group item/conditional line (once and/or if); false if none.
  bool condition(const Stmt& s, std::uint32_t onceSlot, const char* what) {
    if (s.once) emit(Op::OnceTest, onceSlot);
    if (s.hasCond) {
      requireBool(expr(s.cond), s.cond.loc, std::string("the condition of ") + what);
      if (s.once) emit(Op::And);
    }
    return s.hasCond || s.once;
  }

  void neverAvailable(const Stmt& s, std::uint32_t line, const char* what) {
    if (!s.hasCond) return;
    const auto v = constEval(s.cond, true);
    if (v && v->type == Type::Bool && v->number == 0)
      rep().warning(s.cond.loc,
                    std::string(what) + " " + q(prog_->lines[line].source) +
                        " can never be available: its condition is always false",
                    "the variables it uses are never changed by a <<set>>; fix the condition or add the <<set>>");
  }

  void block(TreeVec<Stmt>& body) {
    for (Stmt& s : body) statement(s);
  }

  void statement(Stmt& s) {
    switch (s.kind) {
      case Stmt::Kind::Line: {
        const std::uint32_t slot = s.once ? prog_->onceSlots++ : 0;
        std::uint32_t skip = 0;
        const bool conditional = condition(s, slot, "this line");
        if (conditional) skip = emit(Op::JumpIfFalse);
        if (s.once) emit(Op::OnceMark, slot);
        interpolations(s.text);
        emit(Op::Line, addLine(s, 0));
        if (conditional) prog_->code[skip].a = pc();
        return;
      }
      case Stmt::Kind::Options: {
        std::vector<std::uint32_t> adds, slots, ends;
        for (Stmt& item : s.items) {
          const std::uint32_t slot = item.once ? prog_->onceSlots++ : 0;
          slots.push_back(slot);
          const std::uint32_t line = addLine(item, 1);
          interpolations(item.text);
          condition(item, slot, "this option");
          neverAvailable(item, line, "option");
          adds.push_back(emit(Op::AddOption, line));
        }
        emit(Op::ShowOptions);
        for (std::size_t i = 0; i < s.items.size(); ++i) {
          prog_->code[adds[i]].b = pc();
          if (s.items[i].once) emit(Op::OnceMark, slots[i]);
          block(s.items[i].body);
          ends.push_back(emit(Op::Jump));
        }
        for (std::uint32_t e : ends) prog_->code[e].a = pc();
        return;
      }
      case Stmt::Kind::LineGroup: {
        std::vector<std::uint32_t> adds, slots, lines, ends;
        for (Stmt& item : s.items) {
          const std::uint32_t slot = item.once ? prog_->onceSlots++ : 0;
          slots.push_back(slot);
          lines.push_back(addLine(item, 2));
          condition(item, slot, "this line-group line");
          neverAvailable(item, lines.back(), "line-group line");
          adds.push_back(emit(Op::AddCandidate, lines.back()));
        }
        emit(Op::SelectCandidate);
        ends.push_back(emit(Op::Jump));
        for (std::size_t i = 0; i < s.items.size(); ++i) {
          prog_->code[adds[i]].b = pc();
          if (s.items[i].once) emit(Op::OnceMark, slots[i]);
          interpolations(s.items[i].text);
          emit(Op::Line, lines[i]);
          block(s.items[i].body);
          ends.push_back(emit(Op::Jump));
        }
        for (std::uint32_t e : ends) prog_->code[e].a = pc();
        return;
      }
      case Stmt::Kind::If: {
        std::vector<std::uint32_t> ends;
        for (Branch& b : s.branches) {
          std::uint32_t skip = 0;
          if (b.hasCond) {
            requireBool(expr(b.cond), b.cond.loc, "the condition of <<if>>");
            skip = emit(Op::JumpIfFalse);
          }
          block(b.body);
          ends.push_back(emit(Op::Jump));
          if (b.hasCond) prog_->code[skip].a = pc();
        }
        for (std::uint32_t e : ends) prog_->code[e].a = pc();
        return;
      }
      case Stmt::Kind::Once: {
        const std::uint32_t slot = prog_->onceSlots++;
        emit(Op::OnceTest, slot);
        if (s.hasCond) {
          requireBool(expr(s.cond), s.cond.loc, "the condition of <<once>>");
          emit(Op::And);
        }
        const std::uint32_t skip = emit(Op::JumpIfFalse);
        emit(Op::OnceMark, slot);
        block(s.branches[0].body);
        const std::uint32_t end = emit(Op::Jump);
        prog_->code[skip].a = pc();
        if (s.branches.size() > 1) block(s.branches[1].body);
        prog_->code[end].a = pc();
        return;
      }
      case Stmt::Kind::Set: {
        const int v = variable(s.var, s.varLoc);
        if (v < 0) {
          expr(*s.value);
          return;
        }
        const Type vt = prog_->variables[v].initial.type;
        const int ve = varEnum_[v];
        if (ve >= 0 || enumOf(*s.value) >= 0) {
          const Type t = s.assignOp == Op::Pop ? expr(*s.value, ve) : Type::Error;
          const int te = implied(*s.value) ? ve : enumOf(*s.value);
          if (s.assignOp != Op::Pop)
            rep().error(s.varLoc, q(opSymbol(s.assignOp) + std::string("=")) + " cannot be used on " + aValue(vt, ve),
                        "set it to a case with `=`, e.g. `<<set " + dollar(s.var) + " = " +
                            enums_[ve >= 0 ? ve : te].name + "." + enums_[ve >= 0 ? ve : te].cases[0] + ">>`");
          else if (t != Type::Error && (te != ve || t != vt))
            rep().error(s.value->loc,
                        q(dollar(s.var)) + " holds " + aValue(vt, ve) + ", but this gives it " + aValue(t, te),
                        ve >= 0 ? "use one of its cases: " + joined(enums_[ve].cases)
                                : "give it a value of the same kind as its <<declare>>");
          emit(Op::Store, static_cast<std::uint32_t>(v));
          return;
        }
        Type t;
        if (s.assignOp != Op::Pop) {
          emit(Op::Load, static_cast<std::uint32_t>(v));
          const Type r = expr(*s.value);
          emit(s.assignOp);
          divisorNotZero(s.assignOp, *s.value);
          t = binaryType(s.assignOp, vt, r, s.value->loc);
        } else {
          t = expr(*s.value);
        }
        if (t != Type::Error && t != vt)
          rep().error(s.value->loc, q(dollar(s.var)) + " holds " + aType(vt) + ", but this gives it " + aType(t),
                      vt == Type::String ? "put text in quotes, or use `string(...)`"
                                         : "give it a value of the same kind as its <<declare>>");
        emit(Op::Store, static_cast<std::uint32_t>(v));
        return;
      }
      case Stmt::Kind::Declare:
      case Stmt::Kind::Enum: return;  // set up before the dialogue starts
      case Stmt::Kind::Jump:
      case Stmt::Kind::Detour: jump(s); return;
      case Stmt::Kind::Return: emit(Op::Return); return;
      case Stmt::Kind::Stop: emit(Op::Stop); return;
      case Stmt::Kind::Command: command(s); return;
    }
  }

  void jump(const Stmt& s) {
    const bool detour = s.kind == Stmt::Kind::Detour;
    std::string_view title = s.var;
    Loc at = s.varLoc;
    std::optional<Value> fixed;
    if (s.computed) {
      auto notText = [&](Type t, const std::string& fix) {
        rep().error(s.value->loc,
                    std::string("the node name after `<<") + (detour ? "detour" : "jump") +
                        ">>` must be text (a string), but it is " + aType(t),
                    fix);
      };
      // A title known at compile time (`{"Afslutning"}`) is checked and linked like a plain name.
      fixed = constEval(*s.value, false);
      if (!fixed) {
        const Type t = expr(*s.value);
        if (t != Type::String && t != Type::Error) {
          notText(t, "use a text variable, e.g. `{$naeste}` declared as `<<declare $naeste = \"Afslutning\">>`");
          return;
        }
        emit(detour ? Op::DetourTitle : Op::JumpTitle, 0, s.loc.line);
        return;
      }
      if (fixed->type != Type::String) {
        notText(fixed->type, "write the node name itself, e.g. `<<jump Afslutning>>`");
        return;
      }
      title = fixed->string;
      at = s.value->loc;
    }
    const auto it = nodeIndex_.find(title);
    if (it == nodeIndex_.end()) {
      unknownNode(title, at);
      return;
    }
    emit(detour ? Op::Detour : Op::JumpNode, it->second, detour ? s.loc.line : 0);
  }

  void command(Stmt& s) {
    CommandInfo info;
    info.name = s.var;
    info.node = node_;
    info.loc = sourceLoc(s.loc);
    const auto it = vocab_.commands.find(s.var);
    const CommandSpec* spec = it == vocab_.commands.end() ? nullptr : &it->second;
    if (!spec && options_.checkCommands) {
      std::vector<std::string> names;
      for (const auto& [name, c] : vocab_.commands) names.push_back(name);
      const std::string near = closestMatch(s.var, names);
      rep().error(s.varLoc, "unknown command " + q(cmdName(s.var)),
                  near.empty()
                      ? (names.empty() ? "this program knows no commands" : "known commands: " + joined(names, 30))
                      : "did you mean " + q(cmdName(near)) + "?");
    }
    if (spec && s.args.size() != spec->args.size())
      rep().error(
          s.varLoc,
          q(cmdName(s.var)) + " takes " + plural(spec->args.size(), "argument", "arguments") + ", but got " +
              std::to_string(s.args.size()),
          "write " + q(Vocabulary::usage(*spec)) +
              (spec->args.size() == 1 && spec->args[0].kind == ArgKind::String ? " (text with spaces goes in quotes)"
                                                                               : ""));
    info.args.reserve(s.args.size());
    for (std::size_t i = 0; i < s.args.size(); ++i) {
      TextTemplate& a = s.args[i];
      const ArgSpec* as = spec && i < spec->args.size() ? &spec->args[i] : nullptr;
      types_.clear();
      for (const Expr& e : a.exprs) types_.push_back(expr(e));
      if (as) checkArg(s, *as, a, types_);
      info.args.push_back(
          {std::vector<std::string>(a.pieces.begin(), a.pieces.end()), as && as->kind == ArgKind::Number, a.quoted});
    }
    prog_->commands.push_back(std::move(info));
    emit(Op::Command, static_cast<std::uint32_t>(prog_->commands.size() - 1));
  }

  void checkArg(const Stmt& s, const ArgSpec& spec, const TextTemplate& a, const std::vector<Type>& types) {
    const std::string cmd = q(cmdName(s.var));
    if (!a.exprs.empty()) {
      // {expression}: only its type can be checked here.
      const bool single = a.exprs.size() == 1 && a.pieces[0].empty() && a.pieces[1].empty();
      if (spec.kind == ArgKind::Number && (!single || (types[0] != Type::Number && types[0] != Type::Error)))
        rep().error(a.loc, cmd + " needs a number for " + q(spec.name),
                    "write a number or {an expression that gives a number}");
      return;
    }
    const std::string_view v = a.pieces[0];
    switch (spec.kind) {
      case ArgKind::Number: {
        Value text = Value::fromString(std::string(v));
        const double n = text.asNumber();
        if (a.quoted || (n == 0 && v.find_first_not_of("0.+-") != std::string::npos) || v.empty())
          rep().error(a.loc, cmd + " needs a number for " + q(spec.name) + ", not " + q(v),
                      "write e.g. `<<" + std::string(s.var) + " 2>>`");
        return;
      }
      case ArgKind::String: return;
      case ArgKind::Word: {
        if (std::find(spec.choices.begin(), spec.choices.end(), v) != spec.choices.end()) return;
        const std::string near = closestMatch(v, spec.choices);
        rep().error(a.loc, q(v) + " is not a known " + q(spec.name) + " for " + cmd,
                    near.empty() ? "use one of: " + joined(spec.choices, 30) : "did you mean " + q(near) + "?");
        return;
      }
      case ArgKind::Character: {
        if (!vocab_.speakers) return;
        if (vocab_.speakers->count(v) || std::find(spec.choices.begin(), spec.choices.end(), v) != spec.choices.end())
          return;
        std::vector<std::string> all(vocab_.speakers->begin(), vocab_.speakers->end());
        all.insert(all.end(), spec.choices.begin(), spec.choices.end());
        const std::string near = closestMatch(v, all);
        rep().error(a.loc, q(v) + " is not in the cast (" + q(spec.name) + " of " + cmd + ")",
                    near.empty() ? "use a character id or name from cast.json, or one of: " + joined(spec.choices)
                                 : "did you mean " + q(near) + "?");
        return;
      }
    }
  }

  std::span<const SourceFile> files_;
  const Vocabulary& vocab_;
  const CompileOptions& options_;
  std::vector<Diagnostic>& diags_;
  std::vector<Reporter> reporters_;
  std::shared_ptr<Program> prog_;
  std::uint32_t file_ = 0;
  std::uint32_t node_ = 0;
  TextMap<std::uint32_t> nodeIndex_;
  std::vector<std::string> titles_;
  TextMap<std::uint32_t> varIndex_;
  TextMap<FileLoc> declaredAt_;
  TextSet assigned_;
  std::vector<EnumDef> enums_;
  std::vector<FileLoc> enumAt_;
  TextMap<std::uint32_t> enumIndex_;
  std::vector<int> varEnum_;  // per variable: its enum, or -1
  std::vector<Type> types_;   // scratch
  // Line IDs with where they are; views into the parse tree, which outlives them. Sorted afterwards
  // to find duplicates (cheaper than a hash map entry per line).
  std::vector<std::pair<std::string_view, FileLoc>> lineIds_;

  void duplicateLineIds() {
    std::stable_sort(lineIds_.begin(), lineIds_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < lineIds_.size(); ++i) {
      if (lineIds_[i].first != lineIds_[i - 1].first) continue;
      std::size_t first = i - 1;
      while (first > 0 && lineIds_[first - 1].first == lineIds_[i].first) --first;
      file_ = lineIds_[i].second.file;
      rep().error(lineIds_[i].second.loc,
                  "line ID " + q(lineIds_[i].first) + " is used twice (also at " + where(lineIds_[first].second) + ")",
                  "remove this `#line:` tag and run `overum tag` to give the line a new ID");
    }
  }
};

// Bytes that are not text: a NUL, or a sequence that is not UTF-8 (a file saved as Latin-1, say).
// Reported once per line, at the first such byte, so that the author knows which lines to fix.
void checkEncoding(std::string_view t, Reporter& rep) {
  std::uint32_t line = 1, col = 1;
  bool reported = false;  // on this line
  for (std::size_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c == '\n') {
      ++line, col = 1, ++i;
      reported = false;
      continue;
    }
    const std::size_t n = validUtf8Sequence(t, i);
    if ((n == 0 || c == 0) && !reported) {
      reported = true;
      if (c == 0)
        rep.error({line, col}, "the file has a NUL byte (character 0) here, which is not text",
                  "delete it; save the file as plain UTF-8 text");
      else rep.error({line, col}, "this line is not valid UTF-8 text", "save the file as UTF-8 (æ, ø and å then work)");
    }
    i += n ? n : 1;
    ++col;
  }
}

std::uint64_t fnv(std::uint64_t h, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

std::shared_ptr<Program> Compiler::run() {
  prog_ = std::make_shared<Program>();
  reporters_.reserve(files_.size());
  std::vector<ParsedFile> parsed;
  parsed.reserve(files_.size());
  for (const SourceFile& f : files_) {
    prog_->files.push_back(f.path);
    reporters_.emplace_back(f.path, diags_);
    checkEncoding(f.text, reporters_.back());
    parsed.push_back(parseYarn(f.text, reporters_.back()));
    if (parsed.back().nodes.empty() && reporters_.back().errors() == 0)
      reporters_.back().warning({1, 1}, "this file has no nodes",
                                "a node starts with `title: Name`, then `---`, its lines, and `===`");
  }
  // Nodes and their titles, in file order.
  std::vector<FileLoc> nodeAt;
  for (file_ = 0; file_ < parsed.size(); ++file_) {
    for (const ParsedNode& n : parsed[file_].nodes) {
      if (n.title.empty()) continue;
      auto [it, fresh] = nodeIndex_.emplace(n.title, static_cast<std::uint32_t>(prog_->nodes.size()));
      if (!fresh) {
        rep().error(n.loc, "there is already a node named " + q(n.title) + " (at " + where(nodeAt[it->second]) + ")",
                    "rename one of them");
        continue;
      }
      for (const std::string& header : vocab_.requiredHeaders) {
        const auto found =
            std::find_if(n.headers.begin(), n.headers.end(), [&](const auto& h) { return h.first == header; });
        if (found == n.headers.end() || found->second.empty())
          rep().error(n.loc, "node " + q(n.title) + " has no " + q(header + ":") + " header",
                      "add a line `" + header +
                          ": …` under its title with a short Danish heading the facilitator sees, e.g. `" + header +
                          ": Velkommen`");
      }
      NodeInfo info;
      info.title = n.title;
      info.headers = n.headers;
      info.tags = n.tags;
      info.loc = {file_, n.loc.line, n.loc.col};
      prog_->nodes.push_back(std::move(info));
      titles_.push_back(n.title);
      nodeAt.push_back({file_, n.loc});
    }
  }
  // Declarations: the host's first, then every <<declare>> anywhere (they hold for the whole program).
  for (const auto& [name, value] : vocab_.variables) {
    varIndex_.emplace(name, static_cast<std::uint32_t>(prog_->variables.size()));
    prog_->variables.push_back({name, value, true, {}});
    varEnum_.push_back(-1);
  }
  for (file_ = 0; file_ < parsed.size(); ++file_)
    for (const Stmt& s : parsed[file_].enums) defineEnum(s);
  for (file_ = 0; file_ < parsed.size(); ++file_) {
    for (const Stmt& s : parsed[file_].declarations) declare(s);
    for (std::string_view v : parsed[file_].assigned) assigned_.emplace(v);
  }
  // Code, node by node. Reserving keeps the hot loop free of regrowth.
  std::size_t lineCount = 0, bytes = 0;
  for (const ParsedFile& f : parsed) lineCount += f.lineCount;
  for (const SourceFile& f : files_) bytes += f.text.size();
  prog_->lines.reserve(lineCount);
  lineIds_.reserve(lineCount);
  prog_->code.reserve(bytes / 8);
  prog_->constants.reserve(bytes / 32);
  for (file_ = 0; file_ < parsed.size(); ++file_) {
    for (ParsedNode& n : parsed[file_].nodes) {
      const auto it = nodeIndex_.find(n.title);
      if (it == nodeIndex_.end() || nodeAt[it->second].file != file_ || nodeAt[it->second].loc.line != n.loc.line)
        continue;
      node_ = it->second;
      prog_->nodes[node_].entry = emit(Op::EnterNode, node_);
      block(n.body);
      emit(Op::Return);  // the end of a node ends the dialogue, or a detour into it
    }
  }
  duplicateLineIds();
  // Start node.
  file_ = 0;
  int startErrors = 0;
  if (!options_.start.empty()) {
    const bool missing = !nodeIndex_.count(options_.start) && !files_.empty();
    if (missing && options_.startNamedAt.file.empty()) {
      unknownNode(options_.start, {1, 1});
    } else if (missing) {  // a mistake in the cast file, not in the first .yarn file
      Reporter castFile(options_.startNamedAt.file, diags_);
      const std::string near = closestMatch(options_.start, titles_);
      castFile.error(
          {static_cast<std::uint32_t>(std::max(1, options_.startNamedAt.line)), 1},
          "start: no node named " + q(options_.start),
          near.empty() ? "write the title of a node in the meeting's .yarn files" : "did you mean " + q(near) + "?");
      startErrors = castFile.errors();
    }
    prog_->start = options_.start;
  } else if (nodeIndex_.count("Start")) {
    prog_->start = "Start";
  }
  // The flow checks run even after other errors: the code is complete except for the broken
  // statements, so what they find is still true and saves the author a round trip.
  std::vector<Reporter*> reps;
  for (Reporter& r : reporters_) reps.push_back(&r);
  analyse(*prog_, reps);
  int errors = startErrors;
  for (const Reporter& r : reporters_) errors += r.errors();
  if (errors > 0) return nullptr;
  std::uint64_t h = 1469598103934665603ull;
  for (const Instr& in : prog_->code) {
    h = fnv(h, &in.op, 1);
    h = fnv(h, &in.a, 4);
    h = fnv(h, &in.b, 4);
  }
  for (const auto& v : prog_->variables) {
    h = fnv(h, v.name.data(), v.name.size());
    h = fnv(h, &v.initial.type, 1);
  }
  for (const auto& n : prog_->nodes) h = fnv(h, n.title.data(), n.title.size());
  prog_->fingerprint = h;
  return prog_;
}

}  // namespace

int CompileResult::errors() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}
int CompileResult::warnings() const { return static_cast<int>(diagnostics.size()) - errors(); }

CompileResult compile(std::span<const SourceFile> files, const Vocabulary& vocabulary, const CompileOptions& options) {
  CompileResult result;
  try {
    Compiler c(files, vocabulary, options, result.diagnostics);
    result.program = c.run();
  } catch (const std::exception& e) {
    // Out of memory and the like: report, never half-load.
    result.program = nullptr;
    result.diagnostics.push_back({Severity::Error, files.empty() ? std::string() : files[0].path, 1, 1,
                                  std::string("the compiler could not finish: ") + e.what(),
                                  "report this file to the Øverum developers"});
  }
  std::unordered_map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < files.size(); ++i) order.emplace(files[i].path, i);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const std::size_t fa = order[a.file], fb = order[b.file];
    if (fa != fb) return fa < fb;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  return result;
}

ScanResult scanLines(const SourceFile& file) {
  ScanResult out;
  try {
    Reporter rep(file.path, out.diagnostics);
    ParsedFile parsed = parseYarn(file.text, rep, true);
    for (LineSite& s : parsed.sites) {
      if (s.hasId) out.existingIds.push_back(s.id);
      else out.untagged.push_back({s.offset, s.node, s.text});
    }
  } catch (const std::exception& e) {
    out.diagnostics.push_back(
        {Severity::Error, file.path, 1, 1, std::string("could not read the file: ") + e.what(), ""});
  }
  return out;
}

}  // namespace overum::scenario

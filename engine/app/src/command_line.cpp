// Command-line parsing with CLI11; every failure becomes exit code 2 and a message that says what to do.
#include "command_line.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <map>

namespace overum::app {
namespace {

bool parseSize(const std::string& text, Size& size) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  auto number = [](std::string_view s, std::uint32_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 16 && out <= 8192;
  };
  return number(std::string_view(text).substr(0, x), size.width) &&
         number(std::string_view(text).substr(x + 1), size.height);
}

}  // namespace

std::string_view modeName(Mode mode) {
  switch (mode) {
    case Mode::automatic: return "auto";
    case Mode::xr: return "xr";
    case Mode::desktop: return "desktop";
    case Mode::headless: return "headless";
  }
  return "?";
}

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args) {
  ParsedCommandLine result;
  Options& o = result.options;

  CLI::App cli("Øverum – rehearse meetings in VR, on the desktop or headless.\n"
               "Scenario tools: overum check|play|graph|lines|tag FILES… (see overum check --help)",
               "overum");
  const std::map<std::string, Mode> modes{
      {"auto", Mode::automatic}, {"xr", Mode::xr}, {"desktop", Mode::desktop}, {"headless", Mode::headless}};
  cli.add_option("--mode", o.mode, "xr | desktop | headless | auto (default: auto = headset, else window, else headless)")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
  std::uint64_t frames = 0;
  auto* framesOption = cli.add_option("--frames", frames, "stop after N frames (default: run until you quit)")
                           ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  std::string size;
  cli.add_option("--size", size, "window or offscreen size per view, WxH (default 1280x720)");
  cli.add_option("--capture", o.captureDir,
                 "write rendered frames as PNG into DIR (headless: every frame or every Kth; desktop: on F12)");
  cli.add_option("--capture-every", o.captureEvery, "headless: capture every Kth frame (default 1)")
      ->check(CLI::Range(1u, 1'000'000u));
  cli.add_flag("--validation", o.validation, "turn on Vulkan validation and OpenXR core validation");
  cli.add_option("--language", o.language, "da (default) or en")->check(CLI::IsMember({"da", "en"}));

  std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  std::reverse(rest.begin(), rest.end());  // CLI11 parses a reversed vector
  try {
    cli.parse(rest);
    if (framesOption->count() > 0) o.frames = frames;
    if (!size.empty() && !parseSize(size, o.size))
      throw CLI::ValidationError("--size", "'" + size + "' is not WxH with both between 16 and 8192, e.g. 1280x720");
  } catch (const CLI::CallForHelp&) {
    result.exitCode = 0;
    result.message = cli.help();
  } catch (const CLI::ParseError& e) {
    result.exitCode = 2;
    result.message = std::string("overum: ") + e.what() + "\nRun 'overum --help' to see every option.";
  }
  return result;
}

}  // namespace overum::app

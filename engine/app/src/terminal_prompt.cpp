// SPDX-License-Identifier: GPL-3.0-or-later
// Terminal questions; see terminal_prompt.h. Asked only when stdin is a terminal (a script or a test
// never waits for an answer), and read from /dev/tty so piped input never answers for the facilitator.
#include "terminal_prompt.h"

#include <overum/core/format.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <termios.h>
#include <unistd.h>

namespace overum::app {

std::optional<std::string> readPassphrase(const std::filesystem::path& file, std::string_view prompt,
                                          std::string& error) {
  std::string line;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in || !std::getline(in, line)) {
      error = format("{}: cannot be read; put the passphrase on its first line", file.string());
      return std::nullopt;
    }
    // Editors leave a CR (Windows line ends) or a stray space at the end; neither is meant as part
    // of the passphrase, and counting it would make the right passphrase "wrong".
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    return line;
  }
  std::FILE* tty = isatty(STDIN_FILENO) ? std::fopen("/dev/tty", "r+") : nullptr;
  if (!tty) {
    error = "no terminal to ask for the passphrase on; give it with --passphrase-file FILE";
    return std::nullopt;
  }
  termios saved{};
  const bool isTerminal = tcgetattr(fileno(tty), &saved) == 0;
  if (isTerminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
  }
  std::fprintf(tty, "%.*s: ", int(prompt.size()), prompt.data());
  std::fflush(tty);
  for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty))
    if (c != '\r') line.push_back(char(c));
  if (isTerminal) tcsetattr(fileno(tty), TCSAFLUSH, &saved);
  std::fputc('\n', tty);
  std::fclose(tty);
  return line;
}

std::optional<char> askTerminal(std::string_view question, std::string_view answers) {
  std::FILE* tty = isatty(STDIN_FILENO) ? std::fopen("/dev/tty", "r+") : nullptr;
  if (!tty) return std::nullopt;
  std::optional<char> answer;
  for (int tries = 0; tries < 3 && !answer; ++tries) {
    std::fprintf(tty, "%.*s ", int(question.size()), question.data());
    std::fflush(tty);
    std::string line;
    int c = std::fgetc(tty);
    for (; c != EOF && c != '\n'; c = std::fgetc(tty)) line.push_back(char(c));
    if (!line.empty() &&
        answers.find(char(std::tolower(static_cast<unsigned char>(line[0])))) != std::string_view::npos)
      answer = char(std::tolower(static_cast<unsigned char>(line[0])));
    if (c == EOF) break;
  }
  std::fclose(tty);
  return answer;
}

}  // namespace overum::app

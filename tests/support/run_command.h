// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a shell command for the end-to-end tests of the `overum` executable and collects its output;
// private XDG folders and a passphrase file so a test never touches the user's own data.
#pragma once
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace overum::test {

struct Run {
  int exitCode = -1;
  std::string output;  // stdout and stderr together
};

inline Run runCommand(const std::string& commandLine,
                      const std::filesystem::path& cwd = std::filesystem::current_path()) {
  const std::string command = "cd '" + cwd.string() + "' && " + commandLine + " 2>&1";
  Run result;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// An empty folder of this test process, under the temporary folder.
inline std::filesystem::path freshDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("overum-exe-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A meeting's XDG folders and the facilitator's passphrase file (kode.txt), all inside dir.
inline std::string dataEnv(const std::filesystem::path& dir) {
  std::ofstream(dir / "kode.txt") << "facilitator-kode\n";
  return "XDG_CACHE_HOME=" + (dir / "cache").string() + " XDG_DATA_HOME=" + (dir / "data").string() +
         " XDG_STATE_HOME=" + (dir / "state").string() + " XDG_CONFIG_HOME=" + (dir / "config").string() + " ";
}

// Every byte of every file under dir, to search for what must never be there in plain text.
inline std::string everyByte(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path(), std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
  return all;
}

}  // namespace overum::test

// SPDX-License-Identifier: GPL-3.0-or-later
// The one journal a test's run of Øverum left for a citizen, read back with the facilitator's passphrase.
#pragma once
#include <overum/session/journal.h>
#include <overum/session/vault.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace overum::testing {

inline session::JournalReadResult onlyJournal(const std::filesystem::path& vaultDir, const std::string& passphrase,
                                              const std::string& citizen) {
  auto opened = session::Vault::open(vaultDir, passphrase);
  REQUIRE(opened.vault);
  const auto sessions = session::journalSessions(*opened.vault, citizen);
  REQUIRE(sessions.size() == 1);
  session::JournalReadResult journal = session::readJournal(*opened.vault, citizen, sessions[0]);
  REQUIRE(journal.problem.empty());
  return journal;
}

}  // namespace overum::testing

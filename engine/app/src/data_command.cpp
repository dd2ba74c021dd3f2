// SPDX-License-Identifier: GPL-3.0-or-later
// The data subcommands; see data_command.h.
#include "data_command.h"

#include "citizen_records.h"
#include "command_line.h"
#include "terminal_prompt.h"

#include <overum/core/check.h>
#include <overum/core/format.h>
#include <overum/core/strings.h>
#include <overum/session/citizen_lock.h>
#include <overum/session/export.h>
#include <overum/session/journal.h>

#include <algorithm>
#include <ostream>

namespace overum::app {
namespace fs = std::filesystem;
namespace {

std::unique_ptr<session::Vault> openVault(const fs::path& dir, const fs::path& passphraseFile, std::ostream& err) {
  if (!session::Vault::exists(dir)) {
    err << format("overum data: nothing is stored on this machine yet ({} does not exist)\n", dir.string());
    return nullptr;
  }
  std::string error;
  const auto passphrase = readPassphrase(passphraseFile, tr("data.passphrase"), error);
  if (!passphrase) {
    err << "overum data: " << error << "\n";
    return nullptr;
  }
  auto opened = session::Vault::open(dir, *passphrase);
  if (!opened.vault) err << format("overum data: {}: {}\n", dir.string(), opened.error);
  return std::move(opened.vault);
}

bool knownCitizen(const session::Vault& vault, const std::string& id, std::ostream& err) {
  if (vault.hasCitizen(id)) return true;
  err << format("overum data: no citizen '{}' in the vault; 'overum data list' shows who is there\n", id);
  return false;
}

}  // namespace

int runDataCommand(const std::vector<std::string>& args, const fs::path& vaultDir, std::ostream& out,
                   std::ostream& err) {
  const ParsedDataCommand parsed = parseDataCommand(args);
  if (parsed.exitCode) {
    (*parsed.exitCode == 0 ? out : err) << parsed.message;
    return *parsed.exitCode;
  }
  const DataOptions& o = parsed.options;

  const auto vault = openVault(vaultDir, o.passphraseFile, err);
  if (!vault) return 1;

  if (o.action == DataAction::list) {
    if (vault->citizens().empty()) out << "no citizens\n";
    for (const std::string& id : vault->citizens()) {
      std::string damaged;  // nothing more is kept on a damaged consent record, but it is not "none"
      const session::Consent c = storedConsent(*vault, id, damaged);
      const bool none = !c.saveStatement && !c.keepNotes && !c.recordAudio;
      out << id << ": consent " << (c.saveStatement ? "statement " : "") << (c.keepNotes ? "notes " : "")
          << (c.recordAudio ? "audio " : "") << (none && damaged.empty() ? "none " : "")
          << (damaged.empty() ? "" : "— " + damaged) << "\n";
      for (const std::string& session : session::journalSessions(*vault, id)) {
        const auto journal = session::readJournal(*vault, id, session);
        const bool replayable = std::any_of(journal.records.begin(), journal.records.end(),
                                            [](const session::JournalRecord& r) { return r.kind == "replay-start"; });
        out << "  session " << session << ": " << journal.records.size() << " records"
            << (replayable ? ", can be watched again (overum --replay " + session + ")" : "")
            << (journal.finished ? "" : " (interrupted: resume or close it with overum --citizen)")
            << (journal.problem.empty() ? "" : " — " + journal.problem) << "\n";
      }
    }
    return 0;
  }

  if (!knownCitizen(*vault, o.citizen, err)) return 1;
  // Not while a meeting of the same citizen runs: it would write into what is being erased or read.
  const auto lock = session::CitizenLock::acquire(vault->directory(), o.citizen);
  if (!lock.lock) {
    err << "overum data: " << lock.error << "\n";
    return 1;
  }
  if (o.action == DataAction::exportPage) {
    std::string error;
    const auto password =
        readPassphrase(o.passwordFile, "Kodeord til den eksporterede side / password for the page", error);
    if (!password) {
      err << "overum data export: " << error << "\n";
      return 1;
    }
    if (o.passwordFile.empty()) {
      const auto again = readPassphrase({}, "Samme kodeord igen / the same password again", error);
      if (!again || *again != *password) {
        err << "overum data export: the two passwords differ; nothing was written\n";
        return 1;
      }
    }
    const auto data = session::gatherExport(*vault, o.citizen);
    for (const std::string& problem : data.problems) err << "overum data export: " << problem << "\n";
    const auto written =
        session::writeExport(o.outDir, data, *password, o.language == "en" ? Language::en : Language::da);
    if (written.path.empty()) {
      err << "overum data export: " << written.error << "\n";
      return 1;
    }
    out << format("wrote {} — open it in a browser and type the password\n", fs::absolute(written.path).string());
    return 0;
  }

  if (!o.yes) {
    const std::string_view yesNo = tr("data.yes_no");
    const auto answer = askTerminal(format(tr("data.erase.ask"), o.citizen), yesNo);
    if (answer != yesNo[0]) {
      err << "overum data erase: " << tr("data.erase.not_confirmed") << "\n";
      return 1;
    }
  }
  try {
    vault->eraseCitizen(o.citizen);
  } catch (const Error& e) {
    err << "overum data erase: " << e.what() << "\n";
    return 1;
  }
  out << format(tr("data.erase.done"), o.citizen) << "\n";
  return 0;
}

}  // namespace overum::app

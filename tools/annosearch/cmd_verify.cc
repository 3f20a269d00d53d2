// annosearch verify and compact: prove the index is sound and current; compact it atomically.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "indexer/maintenance.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/report.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

struct VerifyCommand {
  std::vector<std::string> inputs;
  std::string index;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  Format format = Format::kText;
};

int run_verify(const VerifyCommand& cmd) {
  Diagnostics diagnostics;
  std::optional<Corpus> corpus;
  if (!cmd.inputs.empty()) {
    InputOptions in;
    in.inputs = cmd.inputs;
    in.registry_files = cmd.registry_files;
    in.theme_files = cmd.theme_files;
    corpus = open_corpus(in, diagnostics);
  }
  const VerifySummary s = verify_index(cmd.index, corpus ? &*corpus : nullptr, diagnostics);
  Report report{"verify", nlohmann::ordered_json::object(),
                std::string(s.consistent() ? "consistent" : "DIFFERENCES FOUND") +
                    ": {documents} documents, {check_errors} check errors" +
                    (corpus ? ", {missing} missing, {extra} extra, {stale} stale" : "")};
  auto& j = report.summary;
  j["index"] = cmd.index;
  j["consistent"] = s.consistent();
  j["check_errors"] = s.check_errors;
  j["check_method"] = s.check_method;
  j["documents"] = s.documents;
  j["compared"] = corpus.has_value();
  j["missing"] = s.missing;
  j["extra"] = s.extra;
  j["stale"] = s.stale;
  j["input_rejected"] = s.input_rejected;
  if (cmd.format != Format::kJson) {
    if (s.check_errors > 0) std::cout << s.check_output;
    if (s.check_method == "read") {
      std::cerr << "verify: note: the index files are not writable by this user and Xapian's check "
                   "opens them read/write, so every table was read read-only instead\n";
    }
    for (const auto& id : s.missing) std::cout << "missing\t" << id << '\n';
    for (const auto& id : s.extra) std::cout << "extra\t" << id << '\n';
    for (const auto& id : s.stale) std::cout << "stale\t" << id << '\n';
  }
  // The JSON form has no summary line on stderr (as before): the object says it all.
  emit_report(report, cmd.format, "", cmd.format == Format::kJson, diagnostics, std::cout,
              std::cerr);
  for (const auto& d : diagnostics.all()) {
    if (d.severity == Severity::kError) std::cerr << d.format() << '\n';
  }
  return s.consistent() && s.input_rejected == 0 ? 0 : static_cast<int>(ExitCode::kProblem);
}

struct CompactCommand {
  std::string index;
  bool quiet = false;
};

int run_compact(const CompactCommand& cmd) {
  const CompactSummary s = compact_index(cmd.index);
  if (!cmd.quiet) {
    std::cerr << "compact: " << s.from_generation << " (" << s.bytes_before << " bytes) -> "
              << s.to_generation << " (" << s.bytes_after << " bytes), published in " << s.seconds
              << " s\n";
  }
  return 0;
}

}  // namespace

void register_verify(CLI::App& app, Context& ctx) {
  auto cmd = std::make_shared<VerifyCommand>();
  auto* sub = app.add_subcommand(
      "verify",
      "Check the index (Xapian's consistency check); with INPUT, also that it holds exactly "
      "INPUT's documents, current. Exit 0 if consistent, 1 with the differences listed.");
  sub->add_option("input", cmd->inputs, ".jsonl or .json files or corpus directories");
  add_index_option(sub, &cmd->index);
  add_registry_options(sub, &cmd->registry_files, &cmd->theme_files);
  add_format_option(sub, &cmd->format, false);
  sub->callback([cmd, &ctx] { ctx.exit_code = run_verify(*cmd); });

  auto compact = std::make_shared<CompactCommand>();
  auto* csub = app.add_subcommand(
      "compact", "Compact the published index into a new generation and publish it atomically");
  add_index_option(csub, &compact->index);
  csub->add_flag("-q,--quiet", compact->quiet, "No summary on stderr");
  csub->callback([compact, &ctx] { ctx.exit_code = run_compact(*compact); });
}

}  // namespace annosearch::cli

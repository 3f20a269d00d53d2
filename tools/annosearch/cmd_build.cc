// annosearch build: index documents into a new index and publish it atomically.
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/escape.h"
#include "indexer/annotator.h"
#include "indexer/index_writer.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/progress.h"
#include "tools/annosearch/report.h"

namespace annosearch::cli {
namespace {

struct BuildCommand {
  std::vector<std::string> inputs;
  std::string index;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  std::string annotate = "auto";
  std::size_t jobs = 0;  // 0: the number of cores
  int shards = 1;
  bool strict = false;
  bool allow_empty = false;
  std::string report;
  bool quiet = false;
  std::string progress = "auto";
  std::size_t commit_every = 500;
  Format format = Format::kText;
};

int run_build(const BuildCommand& cmd) {
  if (cmd.shards > 1) {
    throw Error(
        ErrorKind::kUsage,
        "--shards above 1 is not available yet (sharded indexes are planned); omit --shards");
  }
  InputOptions in;
  in.inputs = cmd.inputs.empty() ? std::vector<std::string>{bundled_corpus_dir()} : cmd.inputs;
  in.registry_files = cmd.registry_files;
  in.theme_files = cmd.theme_files;

  Diagnostics diagnostics;
  stream_diagnostics_to_stderr(diagnostics, cmd.quiet);
  const Corpus corpus = open_corpus(in, diagnostics);
  if (cmd.strict && diagnostics.errors() > 0) {
    std::cerr << "build: --strict: " << diagnostics.errors()
              << " error(s) in the registry or taxonomy; nothing was published\n";
    return static_cast<int>(ExitCode::kProblem);
  }

  const ProgressMode mode = progress_mode(cmd.progress, cmd.quiet);
  Progress progress("build", mode);
  if (mode != ProgressMode::kNone) progress.set_total(estimate_records(corpus));
  BuildOptions options;
  options.index_dir = cmd.index;
  options.strict = cmd.strict;
  options.allow_empty = cmd.allow_empty;
  options.commit_every = cmd.commit_every;
  options.jobs = cmd.jobs;
  options.on_progress = [&](std::size_t) { progress.add(); };
  // --annotate auto (the default): the annotator fills what the input lacks, when the registry
  // has entities or the taxonomy keywords.
  std::unique_ptr<const Annotator> annotator;
  if (cmd.annotate == "auto" && corpus.registry.size() > 0) {
    annotator = std::make_unique<const Annotator>(corpus.registry, corpus.taxonomy);
    options.annotate = [a = annotator.get()](Document& d) { a->annotate(d); };
    options.annotate_mode = "auto";
  }
  const BuildSummary s = build_index(corpus, diagnostics, options);
  progress.finish();

  const bool ok = s.published && !s.refused_empty;
  Report report{"build", nlohmann::ordered_json::object(),
                "{indexed} document(s) indexed ({passages} passages), {rejected} rejected, "
                "{warnings} warning(s); published {generation} at {index} in {seconds} s (annotate "
                "{annotate})"};
  auto& j = report.summary;
  j["index"] = cmd.index;
  j["generation"] = s.generation;
  j["published"] = s.published;
  j["refused_empty"] = s.refused_empty;
  j["records"] = s.records;
  j["indexed"] = s.indexed;
  j["rejected"] = s.rejected;
  j["passages"] = s.passages;
  j["errors"] = diagnostics.errors();
  j["warnings"] = diagnostics.warnings();
  j["seconds"] = s.seconds;
  j["jobs"] = s.jobs;
  j["parts"] = s.parts;
  j["merge_seconds"] = s.merge_seconds;
  j["annotate"] = options.annotate_mode;
  // The summary line is for a published build; a refusal says why below instead.
  emit_report(report, cmd.format, cmd.report, cmd.quiet || !ok, diagnostics, std::cout, std::cerr);
  if (s.refused_empty) {
    std::cerr << "build: no document was indexed (" << s.records << " record(s) read, "
              << s.rejected << " rejected); nothing was published and the index at "
              << escape_control(cmd.index)
              << " is unchanged; check the INPUT paths, or pass --allow-empty to publish an empty "
                 "index\n";
    return static_cast<int>(ExitCode::kProblem);
  }
  if (!s.published) {
    std::cerr << "build: --strict: stopped at the first error; nothing was published (" << s.indexed
              << " documents had been read)\n";
    return static_cast<int>(ExitCode::kProblem);
  }
  return s.rejected > 0 || diagnostics.errors() > 0 ? static_cast<int>(ExitCode::kProblem) : 0;
}

}  // namespace

void register_build(CLI::App& app, Context& ctx) {
  auto cmd = std::make_shared<BuildCommand>();
  auto* sub = app.add_subcommand(
      "build",
      "Index documents into a new index and publish it atomically (searches running on the old "
      "index go on undisturbed). No INPUT: the bundled corpus/.");
  sub->add_option("input", cmd->inputs,
                  ".jsonl or .json files, corpus directories, or - for standard input");
  add_index_option(sub, &cmd->index);
  add_registry_options(sub, &cmd->registry_files, &cmd->theme_files);
  sub->add_option("--annotate", cmd->annotate,
                  "auto (default when the registry has entities): add automatic entities, dates "
                  "and themes (source auto) where the input lacks them; off: index the input's "
                  "annotations only")
      ->check(CLI::IsMember({"auto", "off"}));
  sub->add_option("--jobs", cmd->jobs,
                  "Parallel indexing jobs, each writing its own part database; the parts are "
                  "merged into one compact index (default: the number of cores)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--shards", cmd->shards, "Number of shards (only 1 for now)")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--strict", cmd->strict,
                "Abort at the first error and publish nothing (default: skip bad records)");
  sub->add_flag("--allow-empty", cmd->allow_empty,
                "Publish even when no document was indexed (default: an empty build publishes "
                "nothing and leaves the index as it was)");
  sub->add_option("--report", cmd->report, "Write the summary and every diagnostic as JSON");
  add_format_option(sub, &cmd->format, false);
  sub->add_option("--commit-every", cmd->commit_every,
                  "Documents per part database (one commit each): bounds each job's memory "
                  "(default 500)")
      ->check(CLI::PositiveNumber);
  add_progress_options(sub, &cmd->quiet, &cmd->progress);
  sub->callback([cmd, &ctx] { ctx.exit_code = run_build(*cmd); });
}

}  // namespace annosearch::cli

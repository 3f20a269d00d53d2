// annosearch update and delete: change the published index in place, one transaction each.
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "indexer/annotator.h"
#include "indexer/maintenance.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/progress.h"
#include "tools/annosearch/report.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

struct UpdateCommand {
  std::vector<std::string> inputs;
  std::string index;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  bool prune = false;
  bool force = false;
  bool strict = false;
  std::string annotate = "auto";
  std::string report;
  bool quiet = false;
  std::string progress = "auto";
  Format format = Format::kText;
};

int run_update(const UpdateCommand& cmd) {
  if (cmd.inputs.empty() && cmd.registry_files.empty() && cmd.theme_files.empty()) {
    throw Error(ErrorKind::kUsage, "update needs INPUT, --registry or --themes; see --help");
  }
  if (cmd.inputs.empty() && cmd.prune) {
    throw Error(ErrorKind::kUsage, "--prune needs INPUT: it deletes what the input lacks");
  }
  InputOptions in;
  in.inputs = cmd.inputs;
  in.registry_files = cmd.registry_files;
  in.theme_files = cmd.theme_files;
  Diagnostics diagnostics;
  stream_diagnostics_to_stderr(diagnostics, cmd.quiet);
  const Corpus corpus = open_corpus(in, diagnostics);
  if (cmd.strict && diagnostics.errors() > 0) {
    std::cerr << "update: --strict: errors in the input; nothing was changed\n";
    return static_cast<int>(ExitCode::kProblem);
  }
  const ProgressMode mode = progress_mode(cmd.progress, cmd.quiet);
  Progress progress("update", mode);
  if (mode != ProgressMode::kNone) progress.set_total(estimate_records(corpus));
  UpdateOptions options;
  options.index_dir = cmd.index;
  options.prune = cmd.prune;
  options.force = cmd.force;
  options.strict = cmd.strict;
  options.on_progress = [&](std::size_t) { progress.add(); };
  // --annotate auto: the annotator with the registry and taxonomy the index will hold after the
  // update: the input's when it has them (they replace the stored ones), else the index's. It
  // annotates new and changed documents, and re-annotates those a registry or taxonomy change can
  // affect (targeted re-annotation), so it is made even without INPUT.
  // update_index hands over the registry it read, so the stored registry is parsed once.
  std::unique_ptr<const Annotator> annotator;
  if (cmd.annotate == "auto") {
    options.make_annotate = [&annotator](const Registry& registry, const Taxonomy& taxonomy) {
      std::function<void(Document&)> annotate;
      if (registry.size() > 0) {
        annotator = std::make_unique<const Annotator>(registry, taxonomy);
        annotate = [a = annotator.get()](Document& d) { a->annotate(d); };
      }
      return annotate;
    };
  }
  const UpdateSummary s = update_index(corpus, diagnostics, options);
  progress.finish();

  std::string text =
      "{added} added, {replaced} replaced, {unchanged} unchanged, {deleted} deleted, {rejected} "
      "rejected";
  if (s.retagged > 0) text += ", {retagged} units re-tagged for the taxonomy";
  Report report{"update", nlohmann::ordered_json::object(),
                text + "; registry version {registry_version}"};
  auto& j = report.summary;
  j["index"] = cmd.index;
  j["committed"] = s.committed;
  j["added"] = s.added;
  j["replaced"] = s.replaced;
  j["unchanged"] = s.unchanged;
  j["deleted"] = s.deleted;
  j["rejected"] = s.rejected;
  j["retagged"] = s.retagged;
  j["reannotation"] = {{"mode", s.reannotation},
                       {"changed_entities", s.changed_entities},
                       {"changed_themes", s.changed_themes},
                       {"found", s.reannotate_found},
                       {"found_by_words", s.reannotate_by_words},
                       {"reannotated", s.reannotated},
                       {"unchanged", s.reannotate_unchanged},
                       {"from_input", s.reannotate_in_input}};
  j["prune_skipped"] = s.prune_skipped;
  j["prune_refused"] = s.prune_refused;
  j["registry_version"] = s.registry_version;
  auto unknown = nlohmann::ordered_json::array();
  for (const auto& [id, units] : s.unknown_entities) {
    unknown.push_back({{"id", id}, {"units", units}});
  }
  j["unknown_entities"] = unknown;
  j["errors"] = diagnostics.errors();
  j["warnings"] = diagnostics.warnings();
  j["seconds"] = s.seconds;
  // The summary line comes last, after the warnings below.
  emit_report(report, cmd.format, cmd.report, true, diagnostics, std::cout, std::cerr);
  if (s.prune_refused > 0) {
    std::cerr << "update: --prune would delete " << s.prune_refused << " of the "
              << s.indexed_before
              << " indexed documents (more than half); nothing was changed. Check the INPUT (an "
                 "empty or unmounted directory, a wrong path?), or pass --force to delete them\n";
    return static_cast<int>(ExitCode::kProblem);
  }
  if (!s.committed) {
    std::cerr << "update: --strict: stopped at the first error; nothing was changed\n";
    return static_cast<int>(ExitCode::kProblem);
  }
  if (s.prune_skipped) {
    std::cerr << "update: warning: --prune was not applied: some input could not be read or a "
                 "rejected record has no readable id, so what the archive holds is unknown; fix "
                 "the errors above and run again\n";
  }
  for (const auto& [id, units] : s.unknown_entities) {
    std::cerr << "update: warning: " << units << " indexed unit(s) name entity \"" << id
              << "\", which the registry lacks; add it to the registry or re-annotate them\n";
  }
  if (!cmd.quiet) {
    std::cerr << render_summary(report) << '\n';
    const std::size_t changes = s.changed_entities.size() + s.changed_themes.size();
    if (s.reannotation == "targeted") {
      std::cerr << "update: re-annotation: " << s.changed_entities.size() << " entities and "
                << s.changed_themes.size() << " themes changed; " << s.reannotate_found
                << " documents they can affect found through the index (" << s.reannotate_by_words
                << " by their words), " << s.reannotated << " re-annotated and reindexed, "
                << s.reannotate_unchanged << " unchanged";
      if (s.reannotate_in_input > 0)
        std::cerr << ", " << s.reannotate_in_input << " read from the input";
      std::cerr << "; no other document was touched\n";
    } else if (s.reannotation == "not-annotated" && changes > 0) {
      std::cerr
          << "update: re-annotation: not done: the index was not built with --annotate auto\n";
    } else if (s.reannotation == "off" && changes > 0) {
      std::cerr << "update: re-annotation: not done (--annotate off); " << changes
                << " registry or taxonomy entries changed\n";
    }
  }
  return s.rejected > 0 || diagnostics.errors() > 0 ? static_cast<int>(ExitCode::kProblem) : 0;
}

struct DeleteCommand {
  std::vector<std::string> ids;
  std::string index;
  bool quiet = false;
};

int run_delete(const DeleteCommand& cmd) {
  const DeleteSummary s = delete_documents(cmd.index, cmd.ids);
  for (const auto& id : s.not_found) {
    std::cerr << "delete: id=" << id << ": not in the index at " << cmd.index << '\n';
  }
  if (!cmd.quiet) std::cerr << "delete: " << s.deleted.size() << " document(s) deleted\n";
  return s.not_found.empty() ? 0 : static_cast<int>(ExitCode::kProblem);
}

}  // namespace

void register_update(CLI::App& app, Context& ctx) {
  auto cmd = std::make_shared<UpdateCommand>();
  auto* sub = app.add_subcommand(
      "update",
      "Add new documents, replace changed ones and skip unchanged ones (by content hash), in one "
      "transaction. A registry or taxonomy in the input replaces the stored one.");
  sub->add_option("input", cmd->inputs,
                  ".jsonl or .json files, corpus directories, or - for standard input; none with "
                  "--registry or --themes alone updates only those");
  add_index_option(sub, &cmd->index);
  add_registry_options(sub, &cmd->registry_files, &cmd->theme_files);
  sub->add_flag("--prune", cmd->prune,
                "Also delete indexed documents absent from the input (not applied when any input "
                "could not be read; refused above half of the index without --force)");
  sub->add_flag("--force", cmd->force,
                "Let --prune delete more than half of the indexed documents");
  sub->add_flag("--strict", cmd->strict, "Abort at the first error and change nothing");
  sub->add_option("--annotate", cmd->annotate,
                  "auto (default when the index's registry has entities): add automatic "
                  "annotations (source auto) where the input lacks them; off: as given")
      ->check(CLI::IsMember({"auto", "off"}));
  sub->add_option("--report", cmd->report, "Write the summary and every diagnostic as JSON");
  add_format_option(sub, &cmd->format, false);
  add_progress_options(sub, &cmd->quiet, &cmd->progress);
  sub->callback([cmd, &ctx] { ctx.exit_code = run_update(*cmd); });

  auto del = std::make_shared<DeleteCommand>();
  auto* dsub = app.add_subcommand("delete", "Delete documents (article and passages) by id");
  dsub->add_option("id", del->ids, "Document ids")->required();
  add_index_option(dsub, &del->index);
  dsub->add_flag("-q,--quiet", del->quiet, "No summary on stderr");
  dsub->callback([del, &ctx] { ctx.exit_code = run_delete(*del); });
}

}  // namespace annosearch::cli

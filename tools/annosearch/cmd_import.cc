// annosearch import FORMAT INPUT... -o DIR: converts other formats into a corpus directory.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "indexer/import_common.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/progress.h"

namespace annosearch::cli {
namespace {

struct ImportCommandOptions {
  std::string format;
  std::vector<std::string> inputs;
  std::string output;
  std::string language;
  std::string date;
  std::vector<std::string> registry_files;
  std::string annotation_source = "gold";
  bool quiet = false;
  std::string progress = "auto";
};

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void run_import_command(const ImportCommandOptions& opt, Context& ctx) {
  ImportOptions options;
  options.inputs = opt.inputs;
  options.language = opt.language;
  options.registry_files = opt.registry_files;
  options.annotation_source = opt.annotation_source;
  if (!opt.date.empty()) {
    std::string why;
    options.date = PartialDate::parse(opt.date, &why);
    if (!options.date) {
      throw Error(ErrorKind::kUsage, "--date " + opt.date + ": " + why +
                                         " (use YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 time)");
    }
  }

  Progress progress("import", progress_mode(opt.progress, opt.quiet));
  ImportHooks hooks;
  hooks.on_diagnostic = [&](const Diagnostic& d) { progress.message(d.format()); };
  hooks.on_total = [&](std::size_t total) { progress.set_total(total); };
  hooks.on_advance = [&](std::size_t n) { progress.add(n); };
  const ImportResult result = run_import(opt.format, options, opt.output, hooks);
  progress.finish();

  if (!opt.quiet) {
    std::string line = "import: " + plural(result.documents, "document", "documents") +
                       " written to " + opt.output;
    std::vector<std::string> counts;
    if (result.errors > 0) counts.push_back(plural(result.errors, "error", "errors"));
    if (result.warnings > 0) counts.push_back(plural(result.warnings, "warning", "warnings"));
    if (!counts.empty()) {
      line += " (" + counts.front() + (counts.size() > 1 ? ", " + counts.back() : "") + ")";
    }
    line += "; " + plural(result.entities, "entity", "entities") + ", " +
            plural(result.themes, "theme", "themes");
    if (result.ignored > 0) {
      line += "; " + std::to_string(result.ignored) +
              " annotation lines skipped (notes, attributes, relations, events)";
    }
    std::cerr << line << '\n';
    for (const auto& note : result.notes) std::cerr << "import: " << note << '\n';
  }
  ctx.exit_code = result.errors > 0 ? static_cast<int>(ExitCode::kProblem) : 0;
}

}  // namespace

void register_import(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<ImportCommandOptions>();
  auto* sub = app.add_subcommand(
      "import",
      "Convert other formats into a corpus directory (documents.jsonl, entities.jsonl, "
      "themes.json)");
  sub->add_option("FORMAT", opt->format,
                  "reuters21578 (the SGML files or their directory), brat (.txt files with their "
                  ".ann, or directories), text (plain text files or directories of .txt)")
      ->required()
      ->check(CLI::IsMember(import_formats()));
  sub->add_option("INPUT", opt->inputs, "Input files or directories")->required();
  sub->add_option("-o,--output", opt->output, "The corpus directory to write (created if needed)")
      ->required();
  sub->add_option("--language", opt->language, "Language of the documents, BCP 47 (default: en)");
  sub->add_option("--date", opt->date,
                  "text, brat: publication date of every document (YYYY, YYYY-MM, YYYY-MM-DD)");
  add_registry_options(
      sub, &opt->registry_files, nullptr,
      "brat: entity registry (entities.jsonl) that normalisations refer to; repeatable");
  sub->add_option("--annotation-source", opt->annotation_source,
                  "brat: the source recorded for the annotations (default: gold)");
  add_progress_options(sub, &opt->quiet, &opt->progress);
  sub->callback([opt, &ctx] { run_import_command(*opt, ctx); });
}

}  // namespace annosearch::cli

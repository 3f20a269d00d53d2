// annosearch validate: check corpus files, the registry and the taxonomy without indexing, and
// report every problem with file, line, document id and field.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "indexer/reader.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  Format format = Format::kText;
  bool strict = false;
};

std::string counted(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

int run_validate(const ValidateOptions& options) {
  InputOptions input;
  input.inputs = options.inputs;
  if (input.inputs.empty()) input.inputs.push_back(bundled_corpus_dir());
  input.registry_files = options.registry_files;
  input.theme_files = options.theme_files;

  Diagnostics diagnostics;
  // Text streams each problem as it is found, so a large corpus shows its first problems at once.
  if (options.format == Format::kText) {
    diagnostics.on_add = [](const Diagnostic& d) { std::cout << d.format() << '\n'; };
  }
  const Corpus corpus = open_corpus(input, diagnostics);
  const ScanStats stats = scan_documents(corpus, diagnostics, nullptr);

  if (options.format == Format::kJson) {
    nlohmann::ordered_json out{{"documents", stats.records},
                               {"errors", diagnostics.errors()},
                               {"warnings", diagnostics.warnings()},
                               {"diagnostics", nlohmann::ordered_json::array()}};
    for (const auto& d : diagnostics.all()) out["diagnostics"].push_back(diagnostic_json(d));
    write_json(std::cout, out);
  }
  std::cout.flush();
  std::cerr << "validate: " << counted(stats.records, "document") << " checked, "
            << counted(diagnostics.errors(), "error") << ", "
            << counted(diagnostics.warnings(), "warning") << '\n';
  const bool failed = diagnostics.errors() > 0 || (options.strict && diagnostics.warnings() > 0);
  return static_cast<int>(failed ? ExitCode::kProblem : ExitCode::kOk);
}

}  // namespace

void register_validate(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ValidateOptions>();
  auto* sub = app.add_subcommand(
      "validate",
      "Check corpus input without indexing: every problem with file, line, id and field");
  sub->add_option("input", options->inputs,
                  "Corpus files (.jsonl, .json), corpus directories, or - for standard input "
                  "(JSON Lines). Default: the bundled corpus");
  add_registry_options(sub, &options->registry_files, &options->theme_files);
  add_format_option(sub, &options->format, false);
  sub->add_flag("--strict", options->strict, "Exit 1 on warnings too, not only on errors");
  sub->callback([options, &ctx] { ctx.exit_code = run_validate(*options); });
}

}  // namespace annosearch::cli

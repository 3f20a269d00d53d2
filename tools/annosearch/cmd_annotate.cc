// annosearch annotate: add automatic entity, date and theme annotations to documents (JSON Lines
// on standard output); annosearch eval-annotations: compare annotations with a gold standard.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json.h"
#include "indexer/annotation_eval.h"
#include "indexer/annotator.h"
#include "indexer/reader.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {
namespace {

struct AnnotateOptions {
  std::vector<std::string> inputs;
  std::string index;
  bool index_given = false;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  bool diff = false;
  bool candidates = false;
  bool strip = false;
  std::vector<std::string> only;
  Format format = Format::kText;
  std::size_t min_count = 1;
  bool quiet = false;
};

nlohmann::ordered_json added_json(const Document& before, const Document& after) {
  nlohmann::ordered_json full = to_json(after);
  nlohmann::ordered_json out{{"id", after.id}};
  if (after.entities.size() > before.entities.size()) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (std::size_t i = before.entities.size(); i < after.entities.size(); ++i) {
      arr.push_back(full["entities"][i]);
    }
    out["entities"] = arr;
  }
  if (after.dates.size() > before.dates.size()) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < after.dates.size(); ++i) {
      if (after.dates[i].source == "auto") arr.push_back(full["dates"][i]);
    }
    out["dates"] = arr;
  }
  if (after.themes.size() > before.themes.size()) out["themes"] = full["themes"];
  return out;
}

int run_annotate(const AnnotateOptions& opt) {
  if (opt.index_given && (!opt.registry_files.empty() || !opt.theme_files.empty())) {
    throw Error(ErrorKind::kUsage,
                "annotate: give either --index DIR or --registry/--taxonomy files, not both");
  }
  InputOptions in;
  in.inputs = opt.inputs;
  in.registry_files = opt.registry_files;
  in.theme_files = opt.theme_files;
  Diagnostics diagnostics;
  stream_diagnostics_to_stderr(diagnostics, opt.quiet);
  Corpus corpus = open_corpus(in, diagnostics);

  Registry registry = corpus.registry;
  Taxonomy taxonomy = corpus.taxonomy;
  AnnotatorOptions aopt;
  if (opt.index_given) {
    AnnotationResources r = load_annotation_resources(opt.index);
    for (const auto& [id, e] : r.registry.entities()) registry.put(e);
    for (const auto& [id, t] : r.taxonomy.themes()) taxonomy.put(t);
    // The reader checks document ids against the registry it holds: give it the index's too.
    corpus.registry = registry;
    corpus.taxonomy = taxonomy;
    for (const auto& l : r.languages) aopt.languages.push_back(l);
  }
  if (!opt.only.empty()) {
    const auto has = [&](const char* what) {
      return std::find(opt.only.begin(), opt.only.end(), what) != opt.only.end();
    };
    aopt.entities = has("entities");
    aopt.dates = has("dates");
    aopt.themes = has("themes");
  }
  if (registry.size() == 0 && aopt.entities && !opt.quiet) {
    std::cerr << "annotate: warning: the registry is empty, so no entity can be found; give "
                 "--registry FILE, --index DIR or a corpus directory with entities.jsonl\n";
  }
  const Annotator annotator(registry, taxonomy, aopt);

  std::map<std::string, NameCandidate> candidates;
  std::size_t documents = 0;
  AnnotationCounts total;
  scan_documents(corpus, diagnostics, [&](Document&& doc, const RecordLocation&) {
    ++documents;
    if (opt.strip) {
      doc.entities.clear();
      doc.themes.clear();
      doc.dates.clear();
    }
    if (opt.candidates) {
      annotator.collect_candidates(doc.text, candidates);
      return;
    }
    const Document before = opt.diff ? doc : Document{};
    const AnnotationCounts c = annotator.annotate(doc);
    total.entities += c.entities;
    total.mentions += c.mentions;
    total.dates += c.dates;
    total.themes += c.themes;
    if (opt.diff) {
      if (!c.empty()) std::cout << added_json(before, doc).dump() << '\n';
    } else {
      std::cout << to_json(doc).dump() << '\n';
    }
  });

  if (opt.candidates) {
    std::vector<const NameCandidate*> sorted;
    for (const auto& [name, c] : candidates) {
      if (c.count >= opt.min_count) sorted.push_back(&c);
    }
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const NameCandidate* a, const NameCandidate* b) { return a->count > b->count; });
    if (opt.format == Format::kJson) {
      nlohmann::ordered_json arr = nlohmann::ordered_json::array();
      for (const auto* c : sorted) {
        arr.push_back({{"name", c->name}, {"count", c->count}, {"contexts", c->contexts}});
      }
      std::cout << nlohmann::ordered_json{{"documents", documents}, {"candidates", arr}}.dump(2)
                << '\n';
    } else {
      for (const auto* c : sorted) {
        std::cout << c->count << '\t' << c->name << '\t'
                  << (c->contexts.empty() ? "" : c->contexts.front()) << '\n';
      }
    }
  }
  std::cout.flush();
  if (!opt.quiet) {
    if (opt.candidates) {
      std::cerr << "annotate: " << documents << " document(s) read; " << candidates.size()
                << " capitalised name(s) that no registry name covers\n";
    } else {
      std::cerr << "annotate: " << documents << " document(s); added " << total.entities
                << " entity entries (" << total.mentions << " mentions), " << total.dates
                << " dates, " << total.themes << " themes (registry: " << annotator.entity_count()
                << " entities, " << annotator.name_count() << " names; "
                << annotator.theme_keyword_count() << " theme keywords)\n";
    }
  }
  return diagnostics.errors() > 0 ? static_cast<int>(ExitCode::kProblem) : 0;
}

struct EvalCommand {
  std::string gold;
  std::string predicted;
  std::vector<std::string> registry_files;
  std::string passages = "all";
  bool salient = false;
  Format format = Format::kText;
};

int run_eval(const EvalCommand& cmd) {
  Registry registry;
  if (!cmd.registry_files.empty()) {
    InputOptions in;
    in.registry_files = cmd.registry_files;
    Diagnostics diagnostics;
    stream_diagnostics_to_stderr(diagnostics, true);
    registry = open_corpus(in, diagnostics).registry;
  }
  const auto gold = read_documents_for_eval(cmd.gold);
  const auto predicted = read_documents_for_eval(cmd.predicted);
  EvalOptions options;
  options.passages = cmd.passages;
  options.salient_only = cmd.salient;
  const EvalResult r = evaluate_annotations(gold, predicted, registry, options);
  if (cmd.format == Format::kJson) {
    std::cout << to_json(r).dump(2) << '\n';
  } else {
    std::cout << format_eval_text(r);
    if (cmd.registry_files.empty()) {
      std::cout << "(no --registry: entity types are shown as ?)\n";
    }
  }
  if (r.paired < r.gold_documents) {
    std::cerr << "eval-annotations: warning: " << (r.gold_documents - r.paired)
              << " gold document(s) have no predicted document of the same id (counted as all "
                 "missed)\n";
  }
  return 0;
}

}  // namespace

void register_annotate(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<AnnotateOptions>();
  auto* sub = app.add_subcommand(
      "annotate",
      "Add automatic entity, date and theme annotations (source \"auto\") to what documents lack; "
      "writes the documents as JSON Lines on standard output");
  sub->add_option("input", opt->inputs,
                  ".jsonl or .json files, corpus directories, or - for standard input")
      ->required();
  auto* index = add_index_option(sub, &opt->index);
  index->description("Take the entity registry, taxonomy and languages from this index");
  add_registry_options(sub, &opt->registry_files, &opt->theme_files);
  sub->add_option("--taxonomy", opt->theme_files, "A theme taxonomy file (same as --themes)")
      ->allow_extra_args(false);
  sub->add_flag("--diff", opt->diff,
                "Write only what was added, one object per changed document: {id, entities, "
                "dates, themes}");
  sub->add_flag("--candidates", opt->candidates,
                "Instead of annotating, list capitalised names no registry entry covers (count, "
                "name, an example context; --format json for all)");
  sub->add_option("--min-count", opt->min_count, "--candidates: only names seen this often")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--strip", opt->strip,
                "Drop the input's own annotations first (to measure the annotator against them)");
  sub->add_option("--only", opt->only, "Annotate only these: entities, dates, themes")
      ->check(CLI::IsMember({"entities", "dates", "themes"}))
      ->delimiter(',');
  add_format_option(sub, &opt->format, false);
  sub->add_flag("-q,--quiet", opt->quiet, "No summary and no warnings on standard error");
  sub->callback([opt, index, &ctx] {
    opt->index_given = index->count() > 0;
    ctx.exit_code = run_annotate(*opt);
  });

  auto cmd = std::make_shared<EvalCommand>();
  auto* ev = app.add_subcommand(
      "eval-annotations",
      "Precision, recall and F1 of PREDICTED annotations against GOLD: mentions (exact span and "
      "id, per type), document entities, dates, date values, passage themes");
  ev->add_option("gold", cmd->gold, "Gold documents (.jsonl or .json)")->required();
  ev->add_option("predicted", cmd->predicted, "Predicted documents (.jsonl or .json)")->required();
  add_registry_options(ev, &cmd->registry_files, nullptr,
                       "Entity registry, for figures per entity type; repeatable");
  ev->add_option("--passages", cmd->passages,
                 "Count only annotations in odd or even passages (development and held-out "
                 "halves)")
      ->check(CLI::IsMember({"all", "odd", "even"}));
  ev->add_flag("--salient", cmd->salient,
               "Document entities: leave out predicted entries marked \"salient\": false (named "
               "in passing), for gold that labels what a document is about (Reuters-21578)");
  add_format_option(ev, &cmd->format, false);
  ev->callback([cmd, &ctx] { ctx.exit_code = run_eval(*cmd); });
}

}  // namespace annosearch::cli

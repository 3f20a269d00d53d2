// Annotation speed on one core (a benchmark, not a test): MB of text per second through
// Annotator::annotate with a registry of 10,000+ entities, against the small seed registry and
// against tokenizing alone in the same run, so the ratios hold on any machine.
//
//   annosearch_annotate_bench DOCS.jsonl REGISTRY.jsonl [SYNTHETIC_ENTITIES=10000] [ROUNDS=3]
//
// The large registry is REGISTRY plus SYNTHETIC_ENTITIES generated entities (two capitalised
// pseudo-words each, one alias, a fixed seed): names the text never holds, which is what a big
// registry mostly is for any one text.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/json.h"
#include "indexer/annotation_eval.h"
#include "indexer/annotator.h"
#include "indexer/reader.h"

using namespace annosearch;

namespace {

std::string pseudo_word(std::mt19937& rng) {
  static const char* const kSyllables[] = {"ka",  "ro", "mi", "tan", "bek", "zar", "ul",   "sha",
                                           "dor", "ne", "vi", "lo",  "gor", "pa",  "khan", "sti"};
  std::uniform_int_distribution<int> n(2, 4);
  std::uniform_int_distribution<int> s(0, 15);
  std::string w;
  for (int i = n(rng); i > 0; --i) w += kSyllables[s(rng)];
  w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: annosearch_annotate_bench DOCS.jsonl REGISTRY.jsonl [SYNTHETIC=10000] "
                 "[ROUNDS=3]\n");
    return 2;
  }
  const std::vector<Document> docs = read_documents_for_eval(argv[1]);
  const std::size_t synthetic = argc > 3 ? std::stoul(argv[3]) : 10000;
  const int rounds = argc > 4 ? std::stoi(argv[4]) : 3;
  InputOptions in;
  in.registry_files = {argv[2]};
  Diagnostics diagnostics;
  const Corpus corpus = open_corpus(in, diagnostics);
  const Registry small = corpus.registry;
  Registry large = small;
  std::mt19937 rng(20211209);
  for (std::size_t i = 0; i < synthetic; ++i) {
    Entity e;
    e.id = "synthetic-" + std::to_string(i);
    e.name = pseudo_word(rng) + " " + pseudo_word(rng);
    e.type = i % 3 == 0 ? "PERSON" : (i % 3 == 1 ? "ORG" : "GPE");
    e.aliases = {pseudo_word(rng)};
    large.put(std::move(e));
  }
  std::size_t bytes = 0;
  for (const auto& d : docs) bytes += d.text.size();
  const double mb = static_cast<double>(bytes) / 1e6;

  const auto run = [&](const char* label, const auto& body) {
    double best = 1e300;
    for (int r = 0; r < rounds; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      body();
      best = std::min(best, seconds_since(t0));
    }
    std::printf("%-44s %8.3f s  %7.2f MB/s\n", label, best, mb / best);
    return best;
  };
  std::printf("text: %zu documents, %.2f MB; best of %d rounds, one thread\n", docs.size(), mb,
              rounds);
  std::size_t sink = 0;
  const double tok = run("tokenize only (annotation_tokens)", [&] {
    for (const auto& d : docs) sink += annotation_tokens(d.text).size();
  });
  const auto t_small = std::chrono::steady_clock::now();
  const Annotator small_annotator(small, Taxonomy{});
  const double build_small = seconds_since(t_small);
  const auto t_large = std::chrono::steady_clock::now();
  const Annotator large_annotator(large, Taxonomy{});
  const double build_large = seconds_since(t_large);
  char label[128];
  std::snprintf(label, sizeof label, "annotate, registry %zu entities", small.size());
  const double s_small = run(label, [&] {
    for (const auto& d : docs) {
      Document copy = d;
      copy.entities.clear();
      copy.dates.clear();
      sink += small_annotator.annotate(copy).mentions;
    }
  });
  std::snprintf(label, sizeof label, "annotate, registry %zu entities", large.size());
  const double s_large = run(label, [&] {
    for (const auto& d : docs) {
      Document copy = d;
      copy.entities.clear();
      copy.dates.clear();
      sink += large_annotator.annotate(copy).mentions;
    }
  });
  std::printf("matcher build: %.3f s (%zu names) and %.3f s (%zu names)\n", build_small,
              small_annotator.name_count(), build_large, large_annotator.name_count());
  std::printf("ratios: large/small registry time %.2f; annotate/tokenize time %.2f\n",
              s_large / s_small, s_large / tok);
  return sink == 0 ? 1 : 0;
}

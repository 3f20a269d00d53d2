// Full builds through the library: the per-document annotate hook runs in the jobs on every valid
// document before it is indexed, and what it adds is searchable, with one job and with several.
#include "indexer/index_writer.h"

#include <atomic>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "core/index.h"
#include "core/schema.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

using namespace annosearch;
using annosearch::test::TempDir;

TEST_CASE("the annotate hook runs once per document in the jobs, and its annotations are indexed",
          "[index_writer]") {
  TempDir tmp;
  // 9 copies of a two-line document naming nobody; the hook adds a document-level entity.
  std::filesystem::create_directories(tmp.path() / "corpus");
  std::filesystem::copy_file(test::source_path("corpus/entities.jsonl"),
                             tmp.path() / "corpus/entities.jsonl");
  std::filesystem::copy_file(test::source_path("corpus/themes.json"),
                             tmp.path() / "corpus/themes.json");
  {
    std::ofstream out(tmp.path() / "corpus/docs.jsonl");
    for (int i = 0; i < 9; ++i) {
      out << R"({"id":"d)" << i << R"(","text":"First line.\nSecond line about trade."})" << '\n';
    }
  }
  for (const std::size_t jobs : {std::size_t{1}, std::size_t{3}}) {
    INFO("jobs " << jobs);
    InputOptions in;
    in.inputs = {tmp.str("corpus")};
    Diagnostics diagnostics;
    const Corpus corpus = open_corpus(in, diagnostics);
    BuildOptions options;
    options.index_dir = tmp.str("idx-" + std::to_string(jobs));
    options.jobs = jobs;
    options.commit_every = 2;  // 5 parts
    std::atomic<int> calls{0};
    std::mutex mutex;
    std::set<std::string> seen;
    options.annotate = [&](Document& doc) {
      ++calls;
      {
        const std::lock_guard lock(mutex);
        seen.insert(doc.id);
      }
      if (doc.id != "d4") doc.entities.push_back({"taliban", {}, "auto"});
    };
    const BuildSummary s = build_index(corpus, diagnostics, options);
    CHECK(s.published);
    CHECK(s.indexed == 9);
    CHECK(s.parts == 5);
    CHECK(calls == 9);
    CHECK(seen.size() == 9);
    const Xapian::Database db = open_index(options.index_dir);
    // Articles and passages of the 8 annotated documents carry the actor: 8 x (1 + 2).
    CHECK(db.get_termfreq(schema::term(schema::kPrefixActor, "taliban")) == 24);
    CHECK(db.get_termfreq(std::string(schema::kTermArticle)) == 9);
    CHECK(db.get_termfreq(schema::article_uid("d4")) == 1);
  }
}

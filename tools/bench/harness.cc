// annosearch_harness: the baselines and the measurements of tools/bench/run.sh. Each mode runs in
// its own process (so peak RSS is that engine's) and prints one JSON object on stdout.
//
//   annosearch_harness minimal-build CORPUS OUT [--commit-every N]
//       The minimal Xapian indexer: TermGenerator (English, STEM_SOME) over title and text, one
//       boolean term per entity (XA) and theme (XT), the date (YYYYMMDD) in value 0 and its year in
//       value 1 (the facet of the minimal searcher), the id as data; commit every N (10,000).
//   annosearch_harness fts5-build CORPUS OUT.db [--commit-every N]
//       SQLite FTS5 through its C API (porter unicode61), entities, themes and dates in plain
//       indexed tables, one transaction per N (10,000) articles, optimised at the end.
//   annosearch_harness queries CORPUS INDEX MINIMAL_INDEX|- [FTS5.db] [--repeat N]
//       The fixed query mix (query_mix()) in this process on each engine, N timed runs each after
//       a warm-up: one JSON line per query with its times, then p50/p95/p99 per engine, level and
//       kind. annosearch counts its three exact facets (actor, theme, date) and finds 10 hits;
//       the minimal searcher its one ValueCountMatchSpy (year) over every match and the top 10;
//       FTS5 the same three facets by GROUP BY and the top 10 by bm25.
//   annosearch_harness minimal-search MINIMAL_INDEX [--words W] [--actor ID] [--from Y --to Y]
//       One query of the minimal searcher as a whole process.
//   annosearch_harness breakdown CORPUS [--commit-every N] [--limit N] [--variant V]
//       Where annosearch's single-process build time goes: read and validate, analyse (ICU words),
//       build documents (terms, values, data), Xapian add_document, commit; one pass each.
//   annosearch_harness ids N [--prefix P]
//       The memory and time of the build's table of ids read (indexer/id_table.h) against the
//       std::unordered_map it replaced (the baseline), both in this process: N ids "P0000000"...,
//       each added, then each looked up once more as a repeat; heap bytes from mallinfo2().
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <map>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <time.h>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/analysis.h"
#include "core/index.h"
#include "indexer/document_builder.h"
#include "indexer/id_table.h"
#include "indexer/reader.h"
#include "query/search.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using nlohmann::json;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU seconds of this thread: robust against other processes sharing the cores.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// A copy of a Xapian document with the positions of the terms keep_positions() rejects dropped
// (their wdf kept).
template <typename KeepPos>
Xapian::Document reshape(const Xapian::Document& in, KeepPos keep_positions) {
  Xapian::Document out;
  for (auto t = in.termlist_begin(); t != in.termlist_end(); ++t) {
    const std::string term = *t;
    if (keep_positions(term) && t.positionlist_count() > 0) {
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out.add_posting(term, *p);
      }
    } else {
      out.add_term(term, t.get_wdf());
    }
  }
  for (auto v = in.values_begin(); v != in.values_end(); ++v) out.add_value(v.get_valueno(), *v);
  out.set_data(in.get_data());
  return out;
}

// CPU seconds (user + system) of this process so far.
double process_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::uintmax_t dir_bytes(const fs::path& p) {
  std::uintmax_t b = 0;
  for (const auto& e : fs::recursive_directory_iterator(p)) {
    if (e.is_regular_file()) b += e.file_size();
  }
  return b;
}

std::size_t option(int argc, char** argv, const std::string& name, std::size_t fallback) {
  for (int i = 0; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::stoul(argv[i + 1]);
  }
  return fallback;
}

std::string text_option(int argc, char** argv, const std::string& name, std::string fallback) {
  for (int i = 0; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

std::vector<fs::path> document_files(const fs::path& corpus) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus / "documents")) {
    if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int minimal_build(const fs::path& corpus, const fs::path& out, std::size_t commit_every) {
  const auto t0 = Clock::now();
  std::size_t n = 0;
  std::uintmax_t text_bytes = 0;
  {
    Xapian::WritableDatabase db(out.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const auto& f : document_files(corpus)) {
      std::ifstream in(f);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        const json j = json::parse(line);
        Xapian::Document xd;
        tg.set_document(xd);
        const std::string& title = j.at("title").get_ref<const std::string&>();
        const std::string& text = j.at("text").get_ref<const std::string&>();
        text_bytes += text.size();
        tg.index_text(title);
        tg.increase_termpos();
        tg.index_text(text);
        for (const auto& e : j.at("entities"))
          xd.add_boolean_term("XA" + e.at("id").get<std::string>());
        for (const auto& t : j.at("themes"))
          xd.add_boolean_term("XT" + t.at("id").get<std::string>());
        std::string date = j.at("date").get<std::string>();
        xd.add_value(1, date.substr(0, 4));
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        xd.add_value(0, date);
        const std::string id = j.at("id").get<std::string>();
        xd.add_boolean_term("Q" + id);
        xd.set_data(id);
        db.add_document(xd);
        if (++n % commit_every == 0) db.commit();
      }
    }
    db.commit();
  }
  const double s = since(t0);
  json r;
  r["engine"] = "minimal-xapian";
  r["commit_every"] = commit_every;
  r["articles"] = n;
  r["seconds"] = s;
  r["articles_per_s"] = static_cast<double>(n) / s;
  r["mb_per_s"] = static_cast<double>(text_bytes) / 1e6 / s;
  r["bytes"] = dir_bytes(out);
  r["cpu_s"] = process_cpu_s();
  r["peak_rss_kib"] = peak_rss_kib();
  std::cout << r.dump() << '\n';
  return 0;
}

// The variants of the write path measured by `breakdown --variant V` (what each gives up is in
// docs/performance.md):
//   ours             the documents as built today;
//   no-passage-pos   passage documents without word positions (word terms keep their wdf);
//   no-article-pos   article documents without word positions;
//   article-only     no passage documents at all (what the minimal indexer writes, plus ours);
//   no-positions     no word positions anywhere (mentions keep theirs).
Xapian::Document variant_of(const std::string& variant, const annosearch::BuiltUnit& u) {
  auto is_word = [](const std::string& t) { return !t.empty() && !(t[0] >= 'A' && t[0] <= 'Z'); };
  auto keep_non_words = [&](const std::string& t) { return !is_word(t); };
  if (variant == "no-positions") return reshape(u.document, keep_non_words);
  if (variant == "no-passage-pos" && u.passage != 0) return reshape(u.document, keep_non_words);
  if (variant == "no-article-pos" && u.passage == 0) return reshape(u.document, keep_non_words);
  return u.document;
}

int breakdown(const fs::path& corpus_dir, std::size_t commit_every, std::size_t limit,
              const std::string& variant) {
  annosearch::Diagnostics diagnostics;
  annosearch::InputOptions in;
  in.inputs = {corpus_dir.string()};
  auto t = Clock::now();
  double c = cpu_now();
  const annosearch::Corpus corpus = annosearch::open_corpus(in, diagnostics);
  const double open_s = since(t);
  std::vector<annosearch::Document> docs;
  t = Clock::now();
  annosearch::scan_documents(corpus, diagnostics,
                             [&](annosearch::Document&& d, const annosearch::RecordLocation&) {
                               if (docs.size() < limit) docs.push_back(std::move(d));
                             });
  const double read_s = since(t);
  const double read_cpu = cpu_now() - c;
  // Analysis alone (what DocumentBuilder::build does first, and again for the title).
  const annosearch::Analyzer analyzer("en");
  t = Clock::now();
  c = cpu_now();
  std::size_t tokens = 0;
  std::size_t stem_bytes = 0;
  for (const auto& d : docs) {
    const auto tk = analyzer.tokenize(d.text);
    tokens += tk.size();
    for (const auto& tok : tk) stem_bytes += analyzer.stem(tok.term).size();
  }
  const double analyse_s = since(t);
  const double analyse_cpu = cpu_now() - c;
  annosearch::DocumentBuilder builder(corpus.taxonomy);
  t = Clock::now();
  c = cpu_now();
  std::size_t units = 0;
  std::size_t postings = 0;
  for (const auto& d : docs) {
    for (const auto& u : builder.build(d)) {
      ++units;
      postings += u.document.termlist_count();
    }
  }
  const double build_s = since(t);
  const double build_cpu = cpu_now() - c;
  const fs::path tmp =
      fs::temp_directory_path() / ("annosearch-breakdown-" + std::to_string(getpid()));
  double add_s = 0;
  double add_cpu = 0;
  double commit_s = 0;
  double commit_cpu = 0;
  std::size_t written = 0;
  {
    Xapian::WritableDatabase db(tmp.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    std::size_t n = 0;
    for (const auto& d : docs) {
      std::vector<Xapian::Document> out;
      for (const auto& u : builder.build(d)) {
        if (variant == "article-only" && u.passage != 0) continue;
        out.push_back(variant_of(variant, u));
      }
      const auto ta = Clock::now();
      const double ca = cpu_now();
      for (auto& x : out) db.add_document(x);
      written += out.size();
      add_cpu += cpu_now() - ca;
      add_s += since(ta);
      if (++n % commit_every == 0) {
        const auto tc = Clock::now();
        const double cc = cpu_now();
        db.commit();
        commit_cpu += cpu_now() - cc;
        commit_s += since(tc);
      }
    }
    const auto tc = Clock::now();
    const double cc = cpu_now();
    db.commit();
    commit_cpu += cpu_now() - cc;
    commit_s += since(tc);
  }
  const std::uintmax_t bytes = dir_bytes(tmp);
  fs::remove_all(tmp);
  json r;
  r["articles"] = docs.size();
  r["units"] = units;
  r["tokens_per_article"] = static_cast<double>(tokens) / static_cast<double>(docs.size());
  r["stem_bytes"] = stem_bytes;
  r["distinct_terms_per_article"] =
      static_cast<double>(postings) / static_cast<double>(docs.size());
  r["commit_every"] = commit_every;
  r["open_registry_s"] = open_s;
  r["read_validate_s"] = read_s;
  r["read_validate_cpu_s"] = read_cpu;
  r["analyse_s"] = analyse_s;  // tokenise and stem every word once
  r["analyse_cpu_s"] = analyse_cpu;
  r["build_documents_s"] = build_s;  // includes analysis (words of articles and passages)
  r["build_documents_cpu_s"] = build_cpu;
  r["variant"] = variant;
  r["documents_written"] = written;
  r["xapian_add_s"] = add_s;
  r["xapian_add_cpu_s"] = add_cpu;
  r["xapian_commit_s"] = commit_s;
  r["xapian_commit_cpu_s"] = commit_cpu;
  r["bytes"] = bytes;
  r["peak_rss_kib"] = peak_rss_kib();
  std::cout << r.dump(1) << '\n';
  return 0;
}

// ---- The query mix: the same queries for every engine, from fixed words, Zipf ranks of the
// registry and date ranges, so any corpus made by gen_corpus.py gets the same mix.
struct MixQuery {
  std::string kind;   // "1 word", "2 words", "words+actor", "words+actor+dates", "actor+dates"
  std::string words;  // "" or one or two words
  std::string actor;  // "" or an entity id
  std::string from;   // "" or a year
  std::string to;
};

std::vector<MixQuery> query_mix() {
  const std::vector<std::string> words = {"market",   "government", "company", "prices",
                                          "minister", "growth",     "police",  "film"};
  const std::vector<std::string> actors = {"e0000000", "e0000003", "e0000010", "e0000030",
                                           "e0000100", "e0000300", "e0001000", "e0003000"};
  const std::vector<std::pair<std::string, std::string>> dates = {
      {"2005", "2009"}, {"2012", "2012"}, {"2000", "2003"}, {"2018", "2024"},
      {"2001", "2010"}, {"2015", "2016"}, {"2008", "2008"}, {"2020", "2021"}};
  std::vector<MixQuery> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string& w2 = words[(i + 3) % words.size()];
    out.push_back({"1 word", w, "", "", ""});
    std::string two = w;
    two += ' ';
    two += w2;
    out.push_back({"2 words", two, "", "", ""});
    out.push_back({"words+actor", w, actors[i], "", ""});
    out.push_back({"words+actor+dates", w, actors[i], dates[i].first, dates[i].second});
    out.push_back({"actor+dates", "", actors[i], dates[i].first, dates[i].second});
  }
  return out;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t j = s.find(' ', i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

// The minimal searcher: AND of the stems (as TermGenerator's STEM_SOME indexed them), filtered by
// the actor term and the date value range, top 10, one exact ValueCountMatchSpy on the year.
struct MinimalResult {
  std::size_t total = 0;
  std::size_t facet_values = 0;
};

MinimalResult minimal_search(const Xapian::Database& db, const MixQuery& q) {
  const Xapian::Stem stem("english");
  std::vector<Xapian::Query> parts;
  for (const auto& w : split_words(q.words)) parts.emplace_back("Z" + stem(w));
  Xapian::Query query = parts.empty()
                            ? Xapian::Query::MatchAll
                            : Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  std::vector<Xapian::Query> filters;
  if (!q.actor.empty()) filters.emplace_back("XA" + q.actor);
  if (!q.from.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, 0, q.from + "0101", q.to + "1231");
  }
  if (!filters.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::ValueCountMatchSpy spy(1);
  enquire.add_matchspy(&spy);
  const Xapian::MSet m = enquire.get_mset(0, 10, db.get_doccount());
  MinimalResult r;
  r.total = m.get_matches_estimated();
  for (auto v = spy.top_values_begin(10); v != spy.top_values_end(10); ++v) ++r.facet_values;
  return r;
}

annosearch::SearchRequest ours_request(const MixQuery& q, annosearch::Level level) {
  annosearch::SearchRequest r;
  r.text = q.words;
  if (!q.actor.empty()) r.actors = {q.actor};
  r.from = q.from;
  r.to = q.to;
  r.level = level;
  r.limit = 10;
  return r;
}

// ---- SQLite FTS5: what many users would pick instead. One FTS5 table (title, text; the
// unicode61 tokenizer with Porter stemming), the date and year in a plain table, one row per
// (article, entity) and (article, theme) in indexed tables; facets by GROUP BY.
void sql_exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err != nullptr ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error(std::string("sqlite: ") + msg + " in: " + sql);
  }
}

struct Statement {
  sqlite3_stmt* s = nullptr;
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db) + " in: " + sql);
    }
  }
  ~Statement() { sqlite3_finalize(s); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(s, i, v); }
  bool step() {
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(sqlite3_db_handle(s)));
  }
  void reset() {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

int fts5_build(const fs::path& corpus, const fs::path& out, std::size_t commit_every) {
  const auto t0 = Clock::now();
  fs::remove(out);
  sqlite3* db = nullptr;
  if (sqlite3_open(out.c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite: cannot open");
  sql_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  sql_exec(db,
           "CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='porter unicode61');"
           "CREATE TABLE meta(id INTEGER PRIMARY KEY, date TEXT, year TEXT, uid TEXT);"
           "CREATE TABLE actors(id INTEGER, actor TEXT);"
           "CREATE TABLE themes(id INTEGER, theme TEXT);");
  std::size_t n = 0;
  std::uintmax_t text_bytes = 0;
  {
    Statement ins_doc(db, "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)");
    Statement ins_meta(db, "INSERT INTO meta(id, date, year, uid) VALUES (?, ?, ?, ?)");
    Statement ins_actor(db, "INSERT INTO actors(id, actor) VALUES (?, ?)");
    Statement ins_theme(db, "INSERT INTO themes(id, theme) VALUES (?, ?)");
    sql_exec(db, "BEGIN");
    for (const auto& f : document_files(corpus)) {
      std::ifstream in(f);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        const json j = json::parse(line);
        const auto rowid = static_cast<std::int64_t>(++n);
        const std::string& text = j.at("text").get_ref<const std::string&>();
        text_bytes += text.size();
        ins_doc.bind(1, rowid);
        ins_doc.bind(2, j.at("title").get<std::string>());
        ins_doc.bind(3, text);
        ins_doc.step();
        ins_doc.reset();
        std::string date = j.at("date").get<std::string>();
        ins_meta.bind(1, rowid);
        ins_meta.bind(3, date.substr(0, 4));
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        ins_meta.bind(2, date);
        ins_meta.bind(4, j.at("id").get<std::string>());
        ins_meta.step();
        ins_meta.reset();
        for (const auto& e : j.at("entities")) {
          ins_actor.bind(1, rowid);
          ins_actor.bind(2, e.at("id").get<std::string>());
          ins_actor.step();
          ins_actor.reset();
        }
        for (const auto& t : j.at("themes")) {
          ins_theme.bind(1, rowid);
          ins_theme.bind(2, t.at("id").get<std::string>());
          ins_theme.step();
          ins_theme.reset();
        }
        if (n % commit_every == 0) sql_exec(db, "COMMIT; BEGIN");
      }
    }
    sql_exec(db, "COMMIT");
  }
  sql_exec(db,
           "CREATE INDEX actors_by_actor ON actors(actor, id); CREATE INDEX actors_by_id ON "
           "actors(id); CREATE INDEX themes_by_id ON themes(id); CREATE INDEX meta_by_date ON "
           "meta(date);"
           "INSERT INTO docs(docs) VALUES('optimize');");
  sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
  const double s = since(t0);
  json r;
  r["engine"] = "sqlite-fts5";
  r["articles"] = n;
  r["seconds"] = s;
  r["articles_per_s"] = static_cast<double>(n) / s;
  r["mb_per_s"] = static_cast<double>(text_bytes) / 1e6 / s;
  r["bytes"] = fs::file_size(out);
  r["cpu_s"] = process_cpu_s();
  r["peak_rss_kib"] = peak_rss_kib();
  std::cout << r.dump() << '\n';
  return 0;
}

// FTS5 with the three facets (actors, themes, years) counted by GROUP BY over every match, and
// the top 10 by bm25 (by rowid without words).
struct Fts5Searcher {
  sqlite3* db = nullptr;
  explicit Fts5Searcher(const fs::path& path) {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      throw std::runtime_error("sqlite: cannot open " + path.string());
    }
  }
  ~Fts5Searcher() { sqlite3_close(db); }
  Fts5Searcher(const Fts5Searcher&) = delete;
  Fts5Searcher& operator=(const Fts5Searcher&) = delete;

  std::size_t search(const MixQuery& q) {
    // The match set, driven by its most selective part: the FTS match (materialised once), else
    // the actor's rows, else the date range; the other parts filter it.
    std::string sql;
    std::vector<std::string> binds;
    if (!q.words.empty()) {
      sql =
          "WITH w AS MATERIALIZED (SELECT rowid AS id FROM docs WHERE docs MATCH ?) "
          "SELECT meta.id FROM w JOIN meta ON meta.id = w.id WHERE 1";
      binds.push_back(q.words);
      if (!q.actor.empty()) {
        sql += " AND meta.id IN (SELECT id FROM actors WHERE actor = ?)";
        binds.push_back(q.actor);
      }
    } else if (!q.actor.empty()) {
      sql = "SELECT meta.id FROM actors JOIN meta ON meta.id = actors.id WHERE actors.actor = ?";
      binds.push_back(q.actor);
    } else {
      sql = "SELECT id FROM meta WHERE 1";
    }
    if (!q.from.empty()) {
      sql += " AND meta.date BETWEEN ? AND ?";
      binds.push_back(q.from + "0101");
      binds.push_back(q.to + "1231");
    }
    // An indexed temporary table, so the facet joins look matches up instead of scanning them.
    sql_exec(db, "DROP TABLE IF EXISTS temp.m; CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)");
    Statement fill(db, "INSERT INTO temp.m " + sql);
    for (std::size_t i = 0; i < binds.size(); ++i) fill.bind(static_cast<int>(i + 1), binds[i]);
    fill.step();
    std::size_t total = 0;
    {
      Statement count(db, "SELECT count(*) FROM temp.m");
      count.step();
      total = static_cast<std::size_t>(sqlite3_column_int64(count.s, 0));
    }
    if (!q.words.empty()) {
      // bm25 of every match once, then the filter (an `IN` on the FTS table would rerun the
      // match for each row).
      std::string top = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10";
      if (!q.actor.empty() || !q.from.empty()) {
        top =
            "WITH w AS MATERIALIZED (SELECT rowid AS id, rank AS r FROM docs WHERE docs MATCH ?) "
            "SELECT w.id FROM w JOIN temp.m ON temp.m.id = w.id ORDER BY w.r LIMIT 10";
      }
      Statement st(db, top);
      st.bind(1, q.words);
      while (st.step()) {
      }
    } else {
      Statement st(db, "SELECT id FROM temp.m ORDER BY id LIMIT 10");
      while (st.step()) {
      }
    }
    for (const char* facet :
         {"SELECT actor, count(*) AS c FROM actors JOIN temp.m USING(id) GROUP BY actor ORDER BY "
          "c DESC LIMIT 10",
          "SELECT theme, count(*) AS c FROM themes JOIN temp.m USING(id) GROUP BY theme ORDER BY "
          "c DESC LIMIT 10",
          "SELECT year, count(*) AS c FROM meta JOIN temp.m USING(id) GROUP BY year ORDER BY c "
          "DESC LIMIT 10"}) {
      Statement st(db, facet);
      while (st.step()) {
      }
    }
    return total;
  }
};

// p-th percentile (nearest rank) of a sample, in place.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// Runs the mix in this process, `repeat` times each (after one warm-up run), and prints one JSON
// line per (engine, level, query) with its times in ms, then a summary line per (engine, level,
// kind) with p50/p95/p99.
int run_queries(const fs::path& ours_dir, const fs::path& minimal_dir, const fs::path& fts5_path,
                std::size_t repeat) {
  const auto mix = query_mix();
  std::map<std::string, std::vector<double>> by_kind;
  auto emit = [&](const std::string& engine, const std::string& level, const MixQuery& q,
                  std::size_t total, const std::vector<double>& ms) {
    json j;
    j["engine"] = engine;
    j["level"] = level;
    j["kind"] = q.kind;
    j["words"] = q.words;
    j["actor"] = q.actor;
    j["from"] = q.from;
    j["to"] = q.to;
    j["total"] = total;
    j["ms"] = ms;
    std::cout << j.dump() << '\n';
    auto& all = by_kind[engine + "\t" + level + "\t" + q.kind];
    all.insert(all.end(), ms.begin(), ms.end());
  };
  auto time_it = [&](auto&& fn) {
    std::vector<double> ms;
    fn();  // warm-up
    for (std::size_t i = 0; i < repeat; ++i) {
      const auto t = Clock::now();
      fn();
      ms.push_back(since(t) * 1000.0);
    }
    return ms;
  };
  {
    const annosearch::Searcher searcher(annosearch::open_index(ours_dir.string()));
    for (const auto level : {annosearch::Level::kArticle, annosearch::Level::kPassage}) {
      for (const auto& q : mix) {
        std::size_t total = 0;
        const auto ms = time_it([&] { total = searcher.search(ours_request(q, level)).total; });
        emit("annosearch", annosearch::to_string(level), q, total, ms);
      }
    }
  }
  if (minimal_dir != "-") {  // "-": no baseline (the 1,000,000-article run builds none)
    const Xapian::Database db(minimal_dir.string());
    for (const auto& q : mix) {
      std::size_t total = 0;
      const auto ms = time_it([&] { total = minimal_search(db, q).total; });
      emit("minimal-xapian", "article", q, total, ms);
    }
  }
  if (fs::exists(fts5_path)) {
    Fts5Searcher fts(fts5_path);
    for (const auto& q : mix) {
      std::size_t total = 0;
      const auto ms = time_it([&] { total = fts.search(q); });
      emit("sqlite-fts5", "article", q, total, ms);
    }
  }
  for (const auto& [key, ms] : by_kind) {
    json j;
    j["summary"] = key;
    j["p50_ms"] = percentile(ms, 50);
    j["p95_ms"] = percentile(ms, 95);
    j["p99_ms"] = percentile(ms, 99);
    std::cout << j.dump() << '\n';
  }
  return 0;
}

// One query of the mix as a whole process of the minimal searcher (for whole-process timing).
int minimal_search_process(const fs::path& dir, const MixQuery& q) {
  const Xapian::Database db(dir.string());
  const MinimalResult r = minimal_search(db, q);
  std::cout << "{\"total\":" << r.total << "}\n";
  return 0;
}

std::size_t heap_bytes() { return mallinfo2().uordblks; }

// The ids' table against the hash map it replaced, in this process (see the header comment).
int id_table_bench(std::size_t n, const std::string& prefix) {
  std::vector<std::string> ids;
  ids.reserve(n);
  char number[32];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(number, sizeof number, "%07zu", i);
    ids.push_back(prefix + number);
  }
  json j{{"ids", n}, {"id_length", ids.empty() ? 0 : ids[0].size()}};
  const auto measure = [&](const char* name, auto& table, auto&& insert) {
    const std::size_t before = heap_bytes();
    double t = cpu_now();
    for (std::size_t i = 0; i < n; ++i) {
      if (insert(table, ids[i], i)) throw std::runtime_error("an id came back as a repeat");
    }
    const double add_s = cpu_now() - t;
    const std::size_t bytes = heap_bytes() - before;
    t = cpu_now();
    std::size_t repeats = 0;
    for (std::size_t i = 0; i < n; ++i) repeats += insert(table, ids[i], i) ? 1 : 0;
    const double repeat_s = cpu_now() - t;
    if (repeats != n) throw std::runtime_error("a repeated id was not found");
    j[name] = {{"bytes_per_id", static_cast<double>(bytes) / static_cast<double>(n)},
               {"mib", static_cast<double>(bytes) / 1048576.0},
               {"add_ns_per_id", add_s * 1e9 / static_cast<double>(n)},
               {"repeat_ns_per_id", repeat_s * 1e9 / static_cast<double>(n)}};
  };
  {
    std::unordered_map<std::string, std::pair<std::uint32_t, std::size_t>> map;
    measure("hash_map", map, [](auto& m, const std::string& id, std::size_t line) {
      return !m.try_emplace(id, 0U, line).second;
    });
  }
  {
    annosearch::IdTable table;
    measure("id_table", table, [](auto& t, const std::string& id, std::size_t line) {
      return t.insert(id, {0, line}).has_value();
    });
  }
  j["memory_ratio"] =
      j["id_table"]["bytes_per_id"].get<double>() / j["hash_map"]["bytes_per_id"].get<double>();
  std::cout << j.dump() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr
        << "usage: annosearch_harness minimal-build CORPUS OUT [--commit-every N]\n"
           "       annosearch_harness fts5-build CORPUS OUT.db [--commit-every N]\n"
           "       annosearch_harness queries CORPUS INDEX MINIMAL_INDEX|- [FTS5.db] [--repeat N]\n"
           "       annosearch_harness minimal-search MINIMAL_INDEX [--words W] [--actor ID] "
           "[--from YEAR --to YEAR]\n"
           "       annosearch_harness breakdown CORPUS [--commit-every N] [--limit N] "
           "[--variant V]\n"
           "       annosearch_harness ids N [--prefix P]\n";
    return 2;
  }
  const std::string mode = argv[1];
  try {
    if (mode == "minimal-build" && argc >= 4) {
      return minimal_build(argv[2], argv[3], option(argc, argv, "--commit-every", 10000));
    }
    if (mode == "fts5-build" && argc >= 4) {
      return fts5_build(argv[2], argv[3], option(argc, argv, "--commit-every", 10000));
    }
    if (mode == "queries" && argc >= 5) {
      return run_queries(argv[3], argv[4], argc >= 6 ? argv[5] : "",
                         option(argc, argv, "--repeat", 5));
    }
    if (mode == "minimal-search" && argc >= 3) {
      MixQuery q;
      for (int i = 3; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--words") q.words = argv[i + 1];
        if (k == "--actor") q.actor = argv[i + 1];
        if (k == "--from") q.from = argv[i + 1];
        if (k == "--to") q.to = argv[i + 1];
      }
      return minimal_search_process(argv[2], q);
    }
    if (mode == "ids") {
      return id_table_bench(std::stoul(argv[2]), text_option(argc, argv, "--prefix", "gen-"));
    }
    if (mode == "breakdown") {
      return breakdown(argv[2], option(argc, argv, "--commit-every", 2000),
                       option(argc, argv, "--limit", SIZE_MAX),
                       text_option(argc, argv, "--variant", "ours"));
    }
  } catch (const std::exception& e) {
    std::cerr << "annosearch_harness: " << e.what() << '\n';
    return 4;
  } catch (const Xapian::Error& e) {
    std::cerr << "annosearch_harness: " << e.get_description() << '\n';
    return 4;
  }
  std::cerr << "annosearch_harness: unknown mode or missing argument: " << mode << '\n';
  return 2;
}

// The text, JSON, JSON Lines and CSV writers.
#include "tools/annosearch/output.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <ostream>
#include <string_view>
#include <unistd.h>

#include "core/escape.h"
#include "query/highlight.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

constexpr char kMarkOpen = '\x01';
constexpr char kMarkClose = '\x02';
constexpr const char* kAnsiHighlight = "\033[1;33m";
constexpr const char* kAnsiBold = "\033[1m";
constexpr const char* kAnsiDim = "\033[2m";
constexpr const char* kAnsiReset = "\033[0m";

// Scores are shown to 4 decimals: enough to order, short enough to read and compare.
double round_score(double score) { return std::round(score * 10000.0) / 10000.0; }

std::string highlighted(const HitPassage& p, std::string_view open, std::string_view close) {
  return render_highlighted(p.text, p.highlights, open, close);
}

ojson resolution_json(const Resolution& r) {
  ojson j{{"input", r.input}, {"id", r.id}, {"via", r.via}};
  if (!r.note.empty()) j["note"] = r.note;
  return j;
}

// One facet entry as JSON, keyed as the facet table says.
ojson facet_entry_json(const FacetDef& def, const Facet& f, const FacetEntry& e) {
  ojson j;
  j[std::string(def.value_key)] = e.value;
  if (!def.label_key.empty()) j[std::string(def.label_key)] = e.label;
  if (def.typed) j["type"] = e.type;
  // Themes form a tree: the parent id (null at the top) lets a reader draw it.
  if (def.label == FacetLabel::kTheme)
    j["parent"] = e.parent.empty() ? ojson(nullptr) : ojson(e.parent);
  j["count"] = e.count;
  if (def.name == "actor") j["document_level"] = e.document_level;
  if (f.normalized) {
    j["bucket_total"] = e.bucket_total;
    j["share"] = round_score(e.share);
  }
  return j;
}

ojson facets_json(const SearchResult& result) {
  ojson facets = ojson::object();
  for (const auto& f : result.facets) {
    const FacetDef& def = *find_facet(f.name);
    ojson entries = ojson::array();
    for (const auto& e : f.entries) entries.push_back(facet_entry_json(def, f, e));
    facets[f.name] = entries;
  }
  return facets;
}

// Per facet: units without any value.
ojson facet_missing_json(const SearchResult& result) {
  ojson j = ojson::object();
  for (const auto& f : result.facets) j[f.name] = f.missing;
  return j;
}

ojson query_json(const QueryEcho& q) {
  ojson filters = ojson::object();
  if (!q.filters.actor.empty()) filters["actor"] = q.filters.actor;
  if (!q.filters.theme.empty()) filters["theme"] = q.filters.theme;
  if (!q.filters.from.empty()) filters["from"] = q.filters.from;
  if (!q.filters.to.empty()) filters["to"] = q.filters.to;
  if (!q.filters.when.empty()) filters["when"] = q.filters.when;
  if (!q.filters.type.empty()) filters["type"] = q.filters.type;
  if (!q.filters.actor_any.empty()) filters["actor_any"] = q.filters.actor_any;
  if (!q.filters.theme_any.empty()) filters["theme_any"] = q.filters.theme_any;
  if (q.filters.min_mentions > 0) filters["min_mentions"] = q.filters.min_mentions;
  if (q.filters.gold_only) filters["gold_only"] = true;
  ojson resolved = ojson::array();
  for (const auto& r : q.resolved) resolved.push_back(resolution_json(r));
  ojson j{{"text", q.text}, {"filters", filters}, {"resolved", resolved}};
  j["match"] = to_string(q.match);
  j["required"] = q.required;
  j["ignored"] = q.ignored;
  j["partial"] = q.partial;
  if (!q.clauses.empty()) {
    ojson clauses = ojson::array();
    for (const auto& c : q.clauses) {
      clauses.push_back({{"clause", c.clause}, {"alone", c.alone}, {"without", c.without}});
    }
    j["clauses"] = clauses;
  }
  if (!q.expanded.empty()) {
    ojson expanded = ojson::array();
    for (const auto& e : q.expanded) {
      expanded.push_back({{"from", e.from}, {"id", e.id}, {"relation", e.relation}});
    }
    j["expanded"] = expanded;
  }
  if (!q.notes.empty()) j["notes"] = q.notes;
  return j;
}

// A list of ids in one CSV cell: "taliban;tajikistan" (ids hold no ';' by the corpus format).
std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += ';';
    out += id;
  }
  return out;
}

std::string human_size(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  std::size_t u = 0;
  while (v >= 1024.0 && u + 1 < std::size(units)) {
    v /= 1024.0;
    ++u;
  }
  char buf[32];
  if (u == 0) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  }
  return buf;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

std::string pad(std::string s, std::size_t width) {
  const std::size_t n = code_points(s);
  if (n < width) s.append(width - n, ' ');
  return s;
}

std::string unit_noun(Level level, std::size_t n) {
  const std::string noun = level == Level::kPassage ? "passage" : "article";
  return n == 1 ? noun : noun + "s";
}

// ---- text

// What the text writer prints, with every control character escaped (core/escape.h): the corpus
// and the index directory name cannot send ESC, OSC or BEL to the terminal nor forge lines. The
// passage keeps its line breaks and its highlights are moved to the escaped text.
std::string esc(const std::string& s) { return escape_control(s); }

HitPassage printable(const HitPassage& p) {
  HitPassage q;
  q.n = p.n;
  std::vector<std::size_t> moved{0};  // code point i of p.text starts at code point moved[i] of q
  std::size_t i = 0;
  while (i < p.text.size()) {
    std::size_t n = 1;
    while (i + n < p.text.size() && (static_cast<unsigned char>(p.text[i + n]) & 0xC0U) == 0x80U) {
      ++n;
    }
    const std::string piece = escape_control(std::string_view(p.text).substr(i, n), true);
    q.text += piece;
    moved.push_back(moved.back() + code_points(piece));
    i += n;
  }
  for (const auto& h : p.highlights) {
    if (h.end < moved.size() && h.start <= h.end)
      q.highlights.push_back({moved[h.start], moved[h.end]});
  }
  return q;
}

Resolution printable(Resolution r) {
  for (auto* s : {&r.input, &r.id, &r.via, &r.note}) *s = esc(*s);
  return r;
}

SearchResult printable(SearchResult r) {
  auto& q = r.query;
  q.text = esc(q.text);
  for (auto& v : {&q.filters.actor, &q.filters.theme}) {
    for (auto& s : *v) s = esc(s);
  }
  for (auto* s : {&q.filters.from, &q.filters.to, &q.filters.when, &q.filters.type}) *s = esc(*s);
  for (auto& res : q.resolved) res = printable(res);
  for (auto& hit : r.hits) {
    for (auto* s : {&hit.id, &hit.title, &hit.date, &hit.source, &hit.url}) *s = esc(*s);
    hit.passage = printable(hit.passage);
    for (auto& a : hit.actors) {
      for (auto* s : {&a.id, &a.name, &a.type}) *s = esc(*s);
    }
    for (auto& t : hit.themes) {
      for (auto* s : {&t.id, &t.label}) *s = esc(*s);
    }
    for (auto& a : hit.why.actors) a = printable(a);
  }
  for (auto& f : r.facets) {
    for (auto& e : f.entries) {
      for (auto* s : {&e.value, &e.label, &e.type}) *s = esc(*s);
    }
  }
  return r;
}

IndexStats printable(IndexStats s) {
  for (auto* v : {&s.path, &s.generation, &s.date_min, &s.date_max, &s.registry_version,
                  &s.taxonomy_version, &s.writer, &s.built_at}) {
    *v = esc(*v);
  }
  return s;
}

class TextWriter : public ResultWriter {
 public:
  TextWriter(std::ostream& out, OutputOptions options) : out_(out), options_(options) {}

  void search(const SearchResult& raw) override {
    const SearchResult r = printable(raw);
    header(r);
    if (r.hits.empty()) {
      out_ << (r.total == 0   ? "No matches.\n"
               : r.limit == 0 ? "No hits shown (--limit 0): the counts only.\n"
                              : "No hits on this page (see --offset).\n");
    }
    std::size_t n = 0;
    bool previous_partial = false;
    for (const auto& hit : r.hits) {
      ++n;
      if (hit.partial && !previous_partial && r.total > 0 && r.query.match == MatchMode::kAuto) {
        out_ << "\n"
             << style(kAnsiDim, "Partial matches (not in the total of " + std::to_string(r.total) +
                                    "), best first:")
             << '\n';
      }
      previous_partial = hit.partial;
      char num[16];
      std::snprintf(num, sizeof num, "%2zu. ", n);
      out_ << '\n' << num << style(kAnsiBold, hit.title.empty() ? hit.id : hit.title) << '\n';
      std::string meta;
      for (const auto* part : {&hit.date, &hit.source}) {
        if (!part->empty()) meta += *part + " · ";
      }
      meta += hit.id;
      if (hit.passage.n > 0) meta += " #" + std::to_string(hit.passage.n);
      if (hit.score > 0) {
        char score[32];
        std::snprintf(score, sizeof score, " · score %.2f", hit.score);
        meta += score;
      }
      out_ << "    " << style(kAnsiDim, meta) << '\n';
      if (hit.partial) {
        std::string missing;
        for (const auto& m : hit.missing) missing += (missing.empty() ? "" : ", ") + m;
        out_ << "    " << style(kAnsiDim, "missing: " + missing) << '\n';
      }
      if (hit.passage.n > 0) {
        const std::string marked =
            highlighted(hit.passage, std::string(1, kMarkOpen), std::string(1, kMarkClose));
        std::string wrapped = wrap_text(marked, options_.width, "    ", options_.color ? 0 : 1);
        out_ << markers(wrapped) << '\n';
      }
    }
    if (!r.hits.empty() && r.total > r.hits.size()) {
      out_ << "\n(" << r.hits.size() << " of " << r.total << " shown; --offset and --limit page)\n";
    }
    facet_lists(r);
  }

  void facets(const SearchResult& raw) override {
    const SearchResult r = printable(raw);
    header(r);
    facet_lists(r);
  }

  void stats(const IndexStats& raw) override {
    const IndexStats s = printable(raw);
    const auto row = [&](const char* key, const std::string& value) {
      out_ << pad(key, 14) << value << '\n';
    };
    row("index", s.path + (s.generation.empty() ? "" : " (generation " + s.generation + ")"));
    row("documents", std::to_string(s.articles));
    row("passages", std::to_string(s.passages));
    row("entities", std::to_string(s.entities) + " in the registry, " +
                        std::to_string(s.entities_occurring) + " occurring");
    row("themes", std::to_string(s.themes) + " in the taxonomy, " +
                      std::to_string(s.themes_occurring) + " occurring");
    std::string dates = s.date_min.empty() ? "none" : s.date_min + " .. " + s.date_max;
    if (s.undated_articles > 0) dates += " (" + std::to_string(s.undated_articles) + " undated)";
    row("dates", dates);
    row("schema", std::to_string(s.schema_version));
    row("registry", s.registry_version.empty() ? "-" : s.registry_version);
    row("taxonomy", s.taxonomy_version.empty() ? "-" : s.taxonomy_version);
    row("writer", s.writer.empty() ? "-" : s.writer);
    row("built at", s.built_at.empty() ? "-" : s.built_at);
    row("annotate",
        s.annotate.empty()
            ? "-"
            : s.annotate +
                  (s.annotate == "auto" ? " (automatic annotations have source auto)" : ""));
    row("size on disk", human_size(s.size_bytes) + " (" + std::to_string(s.size_bytes) + " bytes)");
  }

 private:
  std::string style(const char* code, const std::string& text) const {
    return options_.color ? code + text + kAnsiReset : text;
  }

  std::string markers(const std::string& text) const {
    std::string out;
    for (const char c : text) {
      if (c == kMarkOpen) {
        out += options_.color ? kAnsiHighlight : "[";
      } else if (c == kMarkClose) {
        out += options_.color ? kAnsiReset : "]";
      } else {
        out += c;
      }
    }
    return out;
  }

  void header(const SearchResult& r) {
    out_ << r.total << ' ' << unit_noun(r.level, r.total) << (r.exact ? "" : " (estimated)");
    out_ << selection_phrase(r.query) << '\n';
    for (const auto& note : query_notes(r.query)) out_ << "note: " << note << '\n';
    for (const auto& e : r.query.expanded) {
      out_ << "expanded: " << e.from << " + " << e.id << " (" << e.relation << ")\n";
    }
    if (!r.query.ignored.empty()) {
      std::string words;
      for (const auto& w : r.query.ignored) words += (words.empty() ? "" : " ") + w;
      out_ << "ignored (function words): " << words << '\n';
    }
    if (!r.query.clauses.empty()) hint(r);
  }

  // No unit has every content word: say how many have each, and what to try.
  void hint(const SearchResult& r) {
    out_ << "No " << unit_noun(r.level, 1) << " contains all of:";
    for (const auto& c : r.query.clauses) {
      out_ << ' ' << c.clause << " (" << c.alone << ')';
    }
    out_ << '\n';
    const ClauseCount* best = nullptr;
    for (const auto& c : r.query.clauses) {
      if (r.query.clauses.size() > 1 && (best == nullptr || c.without > best->without)) best = &c;
    }
    std::string tries;
    if (best != nullptr && best->without > 0) {
      tries += "leave out " + best->clause + " (" + std::to_string(best->without) + " " +
               unit_noun(r.level, best->without) + "), ";
    }
    for (const auto& c : r.query.clauses) {
      if (c.alone == 0) tries += "check the spelling of " + c.clause + " (found nowhere), ";
    }
    tries += r.query.clauses.size() > 1 ? "join words with OR, or --match any"
                                        : "another word or fewer filters";
    out_ << "Try: " << tries << '\n';
    if (r.query.partial > 0) {
      out_ << "Showing partial matches, best first; each says what it is missing"
           << (r.query.match == MatchMode::kAll ? "" : " (--match all shows none)") << ".\n";
    }
  }

  void facet_lists(const SearchResult& r) {
    for (const auto& f : r.facets) {
      const FacetDef& def = *find_facet(f.name);
      std::string heading(def.heading);
      if (def.dated()) heading += std::string(" by ") + to_string(r.date_buckets);
      out_ << '\n' << style(kAnsiBold, heading);
      out_ << style(kAnsiDim, " (" + unit_noun(r.level, 2) + ")") << '\n';
      if (f.entries.empty()) out_ << "  (none)\n";
      std::size_t count_width = std::to_string(f.missing).size();
      std::size_t label_width = 1;
      for (const auto& e : f.entries) {
        count_width = std::max(count_width, std::to_string(e.count).size());
        label_width = std::max(label_width, code_points(e.label.empty() ? e.value : e.label));
      }
      label_width = std::min<std::size_t>(label_width, 32);  // a long name just overflows
      const auto count_cell = [&](std::size_t n) {
        const std::string count = std::to_string(n);
        return "  " + std::string(count_width - count.size(), ' ') + count + "  ";
      };
      for (const auto& e : f.entries) {
        out_ << count_cell(e.count);
        if (def.label_key.empty()) {
          out_ << (f.normalized ? pad(e.value, label_width) : e.value);
        } else {
          out_ << pad(e.label, label_width) << "  "
               << style(kAnsiDim, e.type.empty() ? e.value : e.value + ", " + e.type);
        }
        if (f.normalized) {
          char share[64];
          std::snprintf(share, sizeof share, "  %5.1f%% of %zu", e.share * 100.0, e.bucket_total);
          out_ << share;
        }
        if (e.document_level > 0) {
          out_ << style(kAnsiDim, "  (" + std::to_string(e.document_level) +
                                      " by a document-level annotation)");
        }
        out_ << '\n';
      }
      if (f.missing > 0) out_ << count_cell(f.missing) << style(kAnsiDim, "(no value)") << '\n';
    }
  }

  std::ostream& out_;
  OutputOptions options_;
};

// ---- json, jsonl

class JsonWriter : public ResultWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  void search(const SearchResult& r) override { write_json(out_, search_to_json(r, true)); }
  void facets(const SearchResult& r) override { write_json(out_, search_to_json(r, false)); }
  void stats(const IndexStats& s) override { write_json(out_, stats_to_json(s)); }

 private:
  std::ostream& out_;
};

class JsonlWriter : public ResultWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}
  void search(const SearchResult& r) override {
    for (const auto& hit : r.hits) write_json(out_, hit_to_json(hit), -1);
  }
  // One facet entry a line, tagged with its facet.
  void facets(const SearchResult& r) override {
    for (const auto& f : r.facets) {
      const FacetDef& def = *find_facet(f.name);
      for (const auto& e : f.entries) {
        ojson line{{"facet", f.name}};
        line.update(facet_entry_json(def, f, e));
        write_json(out_, line, -1);
      }
      write_json(out_, ojson{{"facet", f.name}, {"missing", f.missing}}, -1);
    }
  }
  void stats(const IndexStats& s) override { write_json(out_, stats_to_json(s), -1); }

 private:
  std::ostream& out_;
};

// ---- csv

class CsvWriter : public ResultWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}

  void search(const SearchResult& r) override {
    row({"id", "passage", "title", "date", "source", "url", "score", "actors", "themes", "text",
         "partial", "missing"});
    for (const auto& h : r.hits) {
      char score[32];
      std::snprintf(score, sizeof score, "%.4f", round_score(h.score));
      std::vector<std::string> actors;
      for (const auto& a : h.actors) actors.push_back(a.id);
      std::vector<std::string> themes;
      for (const auto& t : h.themes) themes.push_back(t.id);
      std::string missing;
      for (const auto& m : h.missing) missing += (missing.empty() ? "" : "; ") + m;
      row({h.id, h.passage.n > 0 ? std::to_string(h.passage.n) : "", h.title, h.date, h.source,
           h.url, score, join_ids(actors), join_ids(themes), h.passage.text,
           h.partial ? "true" : "false", missing});
    }
  }

  void facets(const SearchResult& r) override {
    row({"facet", "value", "label", "type", "count", "document_level", "bucket_total", "share"});
    for (const auto& f : r.facets) {
      for (const auto& e : f.entries) {
        char share[32] = "";
        if (f.normalized) std::snprintf(share, sizeof share, "%.4f", round_score(e.share));
        row({f.name, e.value, e.label, e.type, std::to_string(e.count),
             f.name == "actor" ? std::to_string(e.document_level) : "",
             f.normalized ? std::to_string(e.bucket_total) : "", share});
      }
      // Units without any value: an empty value (never a real one).
      row({f.name, "", "(no value)", "", std::to_string(f.missing), "", "", ""});
    }
  }

  void stats(const IndexStats& s) override {
    row({"key", "value"});
    const ojson j = stats_to_json(s);
    // Flattened: nested objects become "entities.registry" and so on.
    for (const auto& [key, value] : j.items()) {
      if (value.is_object()) {
        for (const auto& [k2, v2] : value.items()) {
          std::string flat = key;
          flat += '.';
          flat += k2;
          row({flat, scalar(v2)});
        }
      } else {
        row({key, scalar(value)});
      }
    }
  }

 private:
  static std::string scalar(const ojson& v) {
    return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
  }

  void row(std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out_ << ',';
      first = false;
      write_csv_field(out_, f);
    }
    out_ << "\r\n";
  }

  std::ostream& out_;
};

// ---- export

void csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out << ',';
    first = false;
    write_csv_field(out, f);
  }
  out << "\r\n";
}

std::string where(const ExportMention& m) {
  return std::to_string(m.passage) + ":" + std::to_string(m.span.start) + "-" +
         std::to_string(m.span.end);
}

class JsonlExportWriter : public ExportWriter {
 public:
  explicit JsonlExportWriter(std::ostream& out) : out_(out) {}
  void header(const ExportHeader& h) override {
    write_json(out_, ojson{{"annosearch_export", export_header_to_json(h)}}, -1);
  }
  void unit(const ExportUnit& u) override { write_json(out_, export_unit_to_json(u), -1); }
  void finish(std::size_t /*count*/) override {}

 private:
  std::ostream& out_;
};

class CsvExportWriter : public ExportWriter {
 public:
  explicit CsvExportWriter(std::ostream& out) : out_(out) {}
  void header(const ExportHeader& h) override {
    // "# key: value" lines before the header row; a value never breaks its line.
    const ojson fields = export_header_to_json(h);
    for (const auto& [key, value] : fields.items()) {
      std::string v = value.is_string() ? value.get<std::string>() : value.dump();
      for (auto& c : v) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      out_ << "# " << key << ": " << v << "\r\n";
    }
    csv_row(out_, {"id", "passage", "title", "date", "source", "url", "language", "score", "actors",
                   "mentions", "themes", "dates", "text"});
  }
  void unit(const ExportUnit& u) override {
    std::vector<std::string> actors;
    std::vector<std::string> mentions;
    for (const auto& a : u.actors) {
      actors.push_back(a.ref.id);
      for (const auto& m : a.mentions) mentions.push_back(a.ref.id + "@" + where(m));
    }
    std::vector<std::string> themes;
    for (const auto& t : u.themes) themes.push_back(t.id);
    std::vector<std::string> dates;
    for (const auto& d : u.dates) dates.push_back(d.value + "@" + where(d.where));
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", round_score(u.score));
    csv_row(out_, {u.id, u.passage > 0 ? std::to_string(u.passage) : "", u.title, u.date, u.source,
                   u.url, u.language, score, join_ids(actors), join_ids(mentions), join_ids(themes),
                   join_ids(dates), u.text});
  }
  void finish(std::size_t /*count*/) override {}

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ExportWriter> make_export_writer(Format format, std::ostream& out) {
  if (format == Format::kCsv) return std::make_unique<CsvExportWriter>(out);
  return std::make_unique<JsonlExportWriter>(out);
}

nlohmann::ordered_json export_header_to_json(const ExportHeader& h) {
  ojson j;
  j["format"] = "annosearch-export/1";
  j["index"] = h.index;
  j["generation"] = h.generation;
  j["schema_version"] = h.schema_version;
  j["registry_version"] = h.registry_version;
  j["taxonomy_version"] = h.taxonomy_version;
  j["built_at"] = h.built_at;
  j["exported_at"] = h.exported_at;
  j["level"] = to_string(h.level);
  j["query"] = h.query;
  j["request"] = query_json(h.echo);
  return j;
}

nlohmann::ordered_json export_unit_to_json(const ExportUnit& u) {
  const auto mention_json = [](const ExportMention& m) {
    return ojson{
        {"passage", m.passage}, {"start", m.span.start}, {"end", m.span.end}, {"text", m.text}};
  };
  ojson j;
  j["id"] = u.id;
  j["passage"] = u.passage > 0 ? ojson(u.passage) : ojson(nullptr);
  j["title"] = u.title;
  j["date"] = u.date;
  j["source"] = u.source;
  j["url"] = u.url;
  j["language"] = u.language;
  j["authors"] = u.authors;
  j["score"] = round_score(u.score);
  if (u.passage > 0) j["text"] = u.text;
  ojson actors = ojson::array();
  for (const auto& a : u.actors) {
    ojson mentions = ojson::array();
    for (const auto& m : a.mentions) mentions.push_back(mention_json(m));
    actors.push_back({{"id", a.ref.id},
                      {"name", a.ref.name},
                      {"type", a.ref.type},
                      {"document_level", a.document_level},
                      {"mentions", mentions}});
  }
  j["actors"] = actors;
  ojson themes = ojson::array();
  for (const auto& t : u.themes) themes.push_back({{"id", t.id}, {"label", t.label}});
  j["themes"] = themes;
  ojson dates = ojson::array();
  for (const auto& d : u.dates) {
    ojson e = mention_json(d.where);
    e["value"] = d.value;
    dates.push_back(e);
  }
  j["dates"] = dates;
  return j;
}

bool stdout_wants_color() {
  if (isatty(STDOUT_FILENO) == 0) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

std::unique_ptr<ResultWriter> make_writer(Format format, std::ostream& out, OutputOptions options) {
  switch (format) {
    case Format::kJson:
      return std::make_unique<JsonWriter>(out);
    case Format::kJsonl:
      return std::make_unique<JsonlWriter>(out);
    case Format::kCsv:
      return std::make_unique<CsvWriter>(out);
    case Format::kText:
      break;
  }
  return std::make_unique<TextWriter>(out, options);
}

nlohmann::ordered_json hit_to_json(const Hit& hit) {
  ojson j;
  j["id"] = hit.id;
  j["title"] = hit.title;
  j["date"] = hit.date;
  j["source"] = hit.source;
  if (!hit.url.empty()) j["url"] = hit.url;
  j["score"] = round_score(hit.score);
  if (hit.passage.n > 0) {
    // The spans `highlighted` marks (code points into text), as render_highlighted keeps them:
    // in order, none overlapping, none empty.
    ojson spans = ojson::array();
    std::size_t done = 0;
    for (const auto& s : hit.passage.highlights) {
      if (s.start < done || s.end <= s.start) continue;
      spans.push_back({s.start, s.end});
      done = s.end;
    }
    j["passage"] = {{"n", hit.passage.n},
                    {"text", hit.passage.text},
                    {"highlighted", highlighted(hit.passage, "[", "]")},
                    {"highlights", spans}};
  } else {
    j["passage"] = nullptr;
  }
  ojson actors = ojson::array();
  for (const auto& a : hit.actors)
    actors.push_back({{"id", a.id}, {"name", a.name}, {"type", a.type}});
  j["actors"] = actors;
  ojson themes = ojson::array();
  for (const auto& t : hit.themes) themes.push_back({{"id", t.id}, {"label", t.label}});
  j["themes"] = themes;
  j["partial"] = hit.partial;
  if (hit.partial) j["missing"] = hit.missing;
  ojson why = ojson::object();
  if (!hit.why.actors.empty()) {
    ojson a = ojson::object();
    for (const auto& r : hit.why.actors) a[r.id] = {{"via", r.via}, {"input", r.input}};
    why["actor"] = a;
  }
  if (!hit.why.themes.empty()) {
    ojson t = ojson::object();
    for (const auto& [id, matched] : hit.why.themes) t[id] = matched;
    why["theme"] = t;
  }
  if (!hit.why.date.empty()) why["date"] = hit.why.date;
  if (!hit.why.when.empty()) why["when"] = hit.why.when;
  if (!hit.why.terms.empty()) why["terms"] = hit.why.terms;
  j["why"] = why;
  return j;
}

nlohmann::ordered_json search_to_json(const SearchResult& r, bool with_hits) {
  ojson j;
  j["query"] = query_json(r.query);
  j["level"] = to_string(r.level);
  j["total"] = r.total;
  j["exact"] = r.exact;
  if (with_hits) {
    j["offset"] = r.offset;
    j["limit"] = r.limit == std::numeric_limits<std::size_t>::max() ? ojson("all") : ojson(r.limit);
    // Matches after this page: never silently cut.
    j["left_out"] = r.total - std::min(r.total, r.offset + r.hits.size());
    ojson hits = ojson::array();
    for (const auto& h : r.hits) hits.push_back(hit_to_json(h));
    j["hits"] = hits;
  }
  j["facets"] = facets_json(r);
  j["facet_missing"] = facet_missing_json(r);
  return j;
}

nlohmann::ordered_json stats_to_json(const IndexStats& s) {
  ojson j;
  j["index"] = s.path;
  j["generation"] = s.generation;
  j["documents"] = s.articles;
  j["passages"] = s.passages;
  j["entities"] = {{"registry", s.entities}, {"occurring", s.entities_occurring}};
  j["themes"] = {{"taxonomy", s.themes}, {"occurring", s.themes_occurring}};
  j["dates"] = {{"min", s.date_min.empty() ? ojson(nullptr) : ojson(s.date_min)},
                {"max", s.date_max.empty() ? ojson(nullptr) : ojson(s.date_max)},
                {"undated_documents", s.undated_articles}};
  j["schema_version"] = s.schema_version;
  j["registry_version"] = s.registry_version;
  j["taxonomy_version"] = s.taxonomy_version;
  j["writer"] = s.writer;
  j["built_at"] = s.built_at;
  j["annotate"] = s.annotate;
  j["size_bytes"] = s.size_bytes;
  return j;
}

std::string wrap_text(const std::string& text, std::size_t width, const std::string& indent,
                      std::size_t marker_width) {
  const std::size_t avail = width > indent.size() + 10 ? width - indent.size() : 10;
  std::string out;
  std::string line;
  std::size_t line_width = 0;
  const auto visible = [&](std::string_view word) {
    std::size_t n = 0;
    for (const char c : word) {
      if (c == kMarkOpen || c == kMarkClose) {
        n += marker_width;
      } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
        ++n;
      }
    }
    return n;
  };
  const auto flush = [&] {
    if (!out.empty()) out += '\n';
    out += indent + line;
    line.clear();
    line_width = 0;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t space = text.find(' ', pos);
    const std::string_view word = std::string_view(text).substr(
        pos, space == std::string::npos ? std::string::npos : space - pos);
    pos = space == std::string::npos ? text.size() : space + 1;
    if (word.empty()) continue;
    const std::size_t w = visible(word);
    if (line_width > 0 && line_width + 1 + w > avail) flush();
    if (line_width > 0) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += w;
  }
  if (line_width > 0 || out.empty()) flush();
  return out;
}

namespace {

// ` ("Rahmon" by alias)` when the id was reached from a name, empty when it was given as is.
std::string resolved_as(const QueryEcho& q, const std::string& id) {
  for (const auto& res : q.resolved) {
    if (res.id == id && res.via != "id") return " (\"" + res.input + "\" by " + res.via + ")";
  }
  return {};
}

}  // namespace

std::string selection_phrase(const QueryEcho& q) {
  std::string what;
  for (const auto& part : selection_parts(q)) what += (what.empty() ? "" : " · ") + part;
  return what.empty() ? std::string(" in the index") : " for " + what;
}

std::vector<std::string> selection_parts(const QueryEcho& q) {
  std::vector<std::string> parts;
  if (!q.text.empty()) parts.push_back("\"" + q.text + "\"");
  const auto& f = q.filters;
  const auto add = [&](std::string part) { parts.push_back(std::move(part)); };
  for (const auto& id : f.actor) add("actor " + id + resolved_as(q, id));
  for (const auto& id : f.theme) add("theme " + id);
  if (!f.actor_any.empty()) {
    std::string part = f.actor_any.size() == 1 ? "actor " : "any of actors ";
    for (std::size_t i = 0; i < f.actor_any.size(); ++i) {
      part += (i == 0 ? "" : ", ") + f.actor_any[i] + resolved_as(q, f.actor_any[i]);
    }
    add(part);
  }
  if (!f.theme_any.empty()) {
    std::string part = f.theme_any.size() == 1 ? "theme " : "any of themes ";
    for (std::size_t i = 0; i < f.theme_any.size(); ++i) {
      part += (i == 0 ? "" : ", ") + f.theme_any[i];
    }
    add(part);
  }
  if (!f.from.empty() || !f.to.empty()) {
    add("published " + (f.from.empty() ? std::string("…") : f.from) + ".." +
        (f.to.empty() ? std::string("…") : f.to));
  }
  if (!f.when.empty()) add("mentions " + f.when);
  if (!f.type.empty()) add("type " + f.type);
  if (f.gold_only) add("gold annotations only");
  return parts;
}

}  // namespace annosearch::cli

// The researcher's views (views.h): each a few searches and facet counts, assembled.
#include "query/views.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/error.h"
#include "core/schema.h"
#include "core/stored.h"

namespace annosearch {
namespace {

constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

// The request with the target added: as an actor filter when it names one, else as query text.
SearchRequest with_target(const Searcher& searcher, SearchRequest req, const std::string& target,
                          std::string* kind, std::string* actor_id) {
  if (const auto r = searcher.try_resolve_actor(target)) {
    req.actors.push_back(target);
    *kind = "actor";
    *actor_id = r->id;
  } else {
    req.text = req.text.empty() ? target : "(" + target + ") " + req.text;
    *kind = "query";
  }
  return req;
}

// Spaces for the characters that would break a line of a concordance.
std::string one_line(std::string s) {
  for (auto& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The left context's words, nearest first: what "sort by left" orders on.
std::vector<std::string> left_key(const std::string& left) {
  std::vector<std::string> words;
  std::string w;
  for (const char c : lower_ascii(left)) {
    if (c == ' ') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  std::reverse(words.begin(), words.end());
  return words;
}

KwicLine make_line(const std::string& id, const std::string& date, int passage,
                   const std::string& text, Span span, std::size_t width) {
  KwicLine line;
  line.id = id;
  line.date = date;
  line.passage = passage;
  line.span = span;
  const std::size_t from = span.start > width ? span.start - width : 0;
  line.left = one_line(substr_code_points(text, from, span.start));
  line.keyword = one_line(substr_code_points(text, span.start, span.end));
  line.right = one_line(substr_code_points(text, span.end, span.end + width));
  return line;
}

// log(x) with 0 log 0 = 0, for the log-likelihood sum.
double xlogx_ratio(double k, double expected) {
  return k <= 0 || expected <= 0 ? 0.0 : k * std::log(k / expected);
}

}  // namespace

KwicResult kwic(const Searcher& searcher, const KwicRequest& request) {
  KwicResult out;
  out.target = request.target;
  SearchRequest req =
      with_target(searcher, request.search, request.target, &out.kind, &out.actor_id);
  req.level = Level::kPassage;
  req.facets.clear();
  std::set<std::pair<std::string, int>> passages;
  if (out.kind == "actor") {
    // Exactly the actor's mentions (under any alias: mentions are annotations, not strings).
    (void)searcher.for_each_match(
        req, [&](const QueryEcho& echo) { out.query = echo; },
        [&](const Xapian::Document& doc, double /*weight*/) {
          StoredUnit u = parse_stored_unit(doc.get_data());
          if (req.gold_only) keep_gold(u);
          for (const auto& m : u.mentions) {
            if (m.entity != out.actor_id) continue;
            out.lines.push_back(make_line(u.id, u.date, u.passage, u.text, m.span, request.width));
            passages.emplace(u.id, u.passage);
          }
        });
  } else {
    req.limit = kAll;
    req.sort = SortOrder::kDate;
    const SearchResult r = searcher.search(req);
    out.query = r.query;
    for (const auto& hit : r.hits) {
      for (const auto& span : hit.passage.highlights) {
        out.lines.push_back(
            make_line(hit.id, hit.date, hit.passage.n, hit.passage.text, span, request.width));
        passages.emplace(hit.id, hit.passage.n);
      }
    }
  }
  if (out.kind == "actor" && out.lines.empty()) {
    // No mention: say why (the search's resolution notes: an id used for another, say).
    SearchRequest probe = req;
    probe.limit = 0;
    out.query = searcher.search(probe).query;
  }
  // A researcher who asks for the concordance of "Dushanbe" wants the word even where the
  // annotations link it to another entity (the capital said of its government): show where the
  // words of the target stand, and say so, rather than an empty concordance. Not when the query
  // has words of its own: the target's words alone would drop them unsaid.
  if (out.kind == "actor" && out.lines.empty() && request.search.text.empty()) {
    SearchRequest words = request.search;
    words.text = "\"" + request.target + "\"";
    words.level = Level::kPassage;
    words.facets.clear();
    words.limit = kAll;
    words.sort = SortOrder::kDate;
    const SearchResult r = searcher.search(words);
    for (const auto& hit : r.hits) {
      for (const auto& span : hit.passage.highlights) {
        out.lines.push_back(
            make_line(hit.id, hit.date, hit.passage.n, hit.passage.text, span, request.width));
        passages.emplace(hit.id, hit.passage.n);
      }
    }
    if (!out.lines.empty()) out.words_instead = true;
  }
  out.passages = passages.size();
  const auto by_place = [](const KwicLine& a, const KwicLine& b) {
    return std::tie(a.date, a.id, a.passage, a.span.start) <
           std::tie(b.date, b.id, b.passage, b.span.start);
  };
  std::sort(out.lines.begin(), out.lines.end(), by_place);
  if (request.sort == KwicSort::kLeft) {
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const KwicLine& a, const KwicLine& b) {
      return left_key(a.left) < left_key(b.left);
    });
  } else if (request.sort == KwicSort::kRight) {
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const KwicLine& a, const KwicLine& b) {
      return lower_ascii(a.right) < lower_ascii(b.right);
    });
  }
  return out;
}

TimelineResult timeline(const Searcher& searcher, const TimelineRequest& request) {
  SearchRequest req = request.search;
  req.want_hits = false;
  req.facets = {request.mentioned ? "when" : "date"};
  req.facet_size = 0;
  req.date_buckets = request.by;
  req.normalize = request.normalize;
  const SearchResult r = searcher.search(req);
  TimelineResult out;
  out.query = r.query;
  out.level = r.level;
  out.by = request.by;
  out.mentioned = request.mentioned;
  out.normalized = request.normalize;
  out.total = r.total;
  const Facet& f = r.facets.front();
  out.missing = f.missing;
  for (const auto& e : f.entries)
    out.buckets.push_back({e.value, e.count, e.bucket_total, e.share});
  return out;
}

CooccurResult cooccur(const Searcher& searcher, const CooccurRequest& request) {
  const auto resolved = searcher.try_resolve_actor(request.actor);
  SearchRequest base = request.search;
  base.want_hits = false;
  base.facets = {"actor"};
  base.facet_size = 0;
  base.type = request.type;
  SearchRequest with = base;
  with.actors.push_back(request.actor);  // resolves again, with its error when it names none
  const SearchResult joint = searcher.search(with);
  const SearchResult all = searcher.search(base);
  CooccurResult out;
  out.actor = searcher.actor_ref(resolved ? resolved->id : joint.query.filters.actor.back());
  out.query = joint.query;
  out.level = joint.level;
  out.units = all.total;
  out.actor_units = joint.total;
  std::map<std::string, std::size_t> own;
  for (const auto& e : all.facets.front().entries) own[e.value] = e.count;
  const double n = static_cast<double>(out.units);
  const double a = static_cast<double>(out.actor_units);
  for (const auto& e : joint.facets.front().entries) {
    if (e.value == out.actor.id) continue;
    CooccurEntry c;
    c.partner = searcher.actor_ref(e.value);
    c.joint = e.count;
    c.partner_units = own[e.value];
    // The 2x2 table of units: with/without the actor x with/without the partner.
    const double k11 = static_cast<double>(c.joint);
    const double b = static_cast<double>(c.partner_units);
    const double k12 = a - k11;
    const double k21 = b - k11;
    const double k22 = n - a - b + k11;
    const double e11 = a * b / n;
    const double e12 = a * (n - b) / n;
    const double e21 = (n - a) * b / n;
    const double e22 = (n - a) * (n - b) / n;
    const double g2 = 2.0 * (xlogx_ratio(k11, e11) + xlogx_ratio(k12, e12) + xlogx_ratio(k21, e21) +
                             xlogx_ratio(k22, e22));
    c.llr = k11 >= e11 ? g2 : -g2;
    c.pmi = e11 > 0 ? std::log2(k11 / e11) : 0.0;
    out.entries.push_back(std::move(c));
  }
  std::stable_sort(out.entries.begin(), out.entries.end(),
                   [](const CooccurEntry& x, const CooccurEntry& y) {
                     if (x.llr != y.llr) return x.llr > y.llr;
                     return x.partner.id < y.partner.id;
                   });
  if (request.limit != 0 && out.entries.size() > request.limit) {
    out.left_out = out.entries.size() - request.limit;
    out.entries.resize(request.limit);
  }
  return out;
}

ShowRequest parse_show_target(const std::string& text) {
  ShowRequest r;
  const std::size_t hash = text.rfind('#');
  r.id = text;
  if (hash != std::string::npos && hash + 1 < text.size() &&
      std::all_of(text.begin() + static_cast<std::ptrdiff_t>(hash) + 1, text.end(),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      text.size() - hash <= 8) {
    r.id = text.substr(0, hash);
    r.passage = std::stoi(text.substr(hash + 1));
    if (r.passage == 0) {
      throw Error(ErrorKind::kUsage, "\"" + text + "\": passages are numbered from 1");
    }
  }
  return r;
}

ShowResult show(const Searcher& searcher, const ShowRequest& request) {
  const Xapian::Database& db = searcher.database();
  const std::string uid = schema::term(schema::kPrefixUid, request.id);
  auto it = db.postlist_begin(uid);
  if (it == db.postlist_end(uid)) {
    throw Error(ErrorKind::kUsage, "unknown_document",
                "no document \"" + request.id + "\" in the index; ids are as `search` prints them");
  }
  const StoredUnit article = parse_stored_unit(db.get_document(*it).get_data());
  ShowResult out;
  out.id = article.id;
  out.title = article.title;
  out.date = article.date;
  out.source = article.source;
  out.url = article.url;
  out.language = article.language;
  out.authors = article.authors;
  out.passage_count = article.passages;
  out.focus = request.passage;
  for (const auto& a : article.actors) out.actors.push_back(searcher.actor_ref(a));
  for (const auto& t : article.themes) out.themes.push_back(searcher.theme_ref(t));
  int first = 1;
  int last = std::numeric_limits<int>::max();
  if (request.passage > 0) {
    const std::string puid = uid + "#" + std::to_string(request.passage);
    if (db.postlist_begin(puid) == db.postlist_end(puid)) {
      throw Error(ErrorKind::kUsage, "unknown_passage",
                  "document \"" + request.id + "\" has no passage " +
                      std::to_string(request.passage) + " with words (it has " +
                      std::to_string(article.passages) + " passages)");
    }
    const auto ctx = static_cast<int>(std::min<std::size_t>(request.context, 1000000));
    first = request.passage - ctx;
    last = request.passage + ctx;
  }
  std::map<int, StoredUnit> passages;
  const std::string doc_term = schema::term(schema::kPrefixDoc, request.id);
  for (auto p = db.postlist_begin(doc_term); p != db.postlist_end(doc_term); ++p) {
    StoredUnit u = parse_stored_unit(db.get_document(*p).get_data());
    if (u.passage >= first && u.passage <= last && u.passage > 0) {
      passages.emplace(u.passage, std::move(u));
    }
  }
  for (auto& [n, u] : passages) {
    ShowPassage p;
    p.n = n;
    p.text = u.text;
    for (const auto& a : u.actors) p.actors.push_back(searcher.actor_ref(a));
    for (const auto& t : u.themes) p.themes.push_back(searcher.theme_ref(t));
    for (const auto& m : u.mentions) {
      p.mentions.push_back({searcher.actor_ref(m.entity), m.span,
                            substr_code_points(u.text, m.span.start, m.span.end)});
    }
    p.dates = u.dates;
    out.passages.push_back(std::move(p));
  }
  return out;
}

CompareResult compare(const Searcher& searcher, const CompareRequest& request) {
  CompareResult out;
  out.level = request.search.level;
  out.by = request.by;
  std::map<std::string, std::size_t> all_buckets;
  out.columns.reserve(request.targets.size());
  for (const auto& target : request.targets) {
    CompareColumn col;
    col.target = target;
    SearchRequest req = with_target(searcher, request.search, target, &col.kind, &col.actor_id);
    req.want_hits = false;
    req.facets = {"theme", "actor", "date"};
    req.facet_size = 0;
    req.date_buckets = request.by;
    const SearchResult r = searcher.search(req);
    col.count = r.total;
    for (const auto& f : r.facets) {
      if (f.name == "theme") {
        for (const auto& e : f.entries) {
          if (col.themes.size() < request.top) col.themes.push_back(e);
        }
      } else if (f.name == "actor") {
        for (const auto& e : f.entries) {
          if (e.value != col.actor_id && col.actors.size() < request.top) col.actors.push_back(e);
        }
      } else {
        col.timeline = f.entries;
        for (const auto& e : f.entries) all_buckets.emplace(e.value, 0);
      }
    }
    out.columns.push_back(std::move(col));
  }
  // One time axis for every column: the union of their buckets, zero-filled.
  std::vector<FacetCount> axis;
  axis.reserve(all_buckets.size());
  for (const auto& [bucket, n] : all_buckets) axis.push_back({bucket, 1});
  axis = zero_filled(axis, request.by);
  for (auto& col : out.columns) {
    std::map<std::string, std::size_t> have;
    for (const auto& e : col.timeline) have[e.value] = e.count;
    col.timeline.clear();
    col.timeline.reserve(axis.size());
    for (const auto& b : axis) {
      FacetEntry e;
      e.value = b.value;
      e.count = have.count(b.value) != 0 ? have[b.value] : 0;
      col.timeline.push_back(e);
    }
  }
  return out;
}

}  // namespace annosearch

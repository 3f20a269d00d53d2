// Precision, recall and F1 of annotations against a gold standard.
#include "indexer/annotation_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "core/error.h"

namespace annosearch {
namespace {

using json = nlohmann::json;

double ratio(std::size_t a, std::size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

Document document_from(const json& j, const std::string& where) {
  if (!j.is_object()) throw Error(ErrorKind::kInput, where + ": a document must be a JSON object");
  Document d;
  const auto id = j.find("id");
  if (id == j.end() || !id->is_string()) {
    throw Error(ErrorKind::kInput, where + ": the document has no string \"id\"");
  }
  d.id = id->get<std::string>();
  if (const auto t = j.find("text"); t != j.end() && t->is_string()) d.text = t->get<std::string>();
  if (const auto e = j.find("entities"); e != j.end() && e->is_array()) {
    for (const auto& x : *e) {
      if (!x.is_object() || !x.contains("id") || !x["id"].is_string()) continue;
      EntityAnnotation a;
      a.id = x["id"].get<std::string>();
      if (x.contains("mentions") && x["mentions"].is_array()) {
        for (const auto& m : x["mentions"]) {
          if (m.is_object() && m.contains("start") && m.contains("end") &&
              m["start"].is_number_unsigned() && m["end"].is_number_unsigned()) {
            a.mentions.push_back({m["start"].get<std::size_t>(), m["end"].get<std::size_t>()});
          }
        }
      }
      if (x.contains("source") && x["source"].is_string()) a.source = x["source"];
      if (x.contains("salient") && x["salient"].is_boolean()) a.salient = x["salient"].get<bool>();
      d.entities.push_back(std::move(a));
    }
  }
  if (const auto ds = j.find("dates"); ds != j.end() && ds->is_array()) {
    for (const auto& x : *ds) {
      if (!x.is_object() || !x.contains("value") || !x["value"].is_string()) continue;
      const auto v = DateRange::parse(x["value"].get<std::string>());
      if (!v || !x.contains("start") || !x.contains("end")) continue;
      d.dates.push_back(
          {{x["start"].get<std::size_t>(), x["end"].get<std::size_t>()}, *v, {}, std::nullopt});
    }
  }
  if (const auto ts = j.find("themes"); ts != j.end() && ts->is_array()) {
    for (const auto& x : *ts) {
      if (!x.is_object() || !x.contains("id") || !x["id"].is_string()) continue;
      ThemeAnnotation t;
      t.id = x["id"].get<std::string>();
      if (x.contains("passages") && x["passages"].is_array()) {
        for (const auto& p : x["passages"]) {
          if (p.is_number_integer()) t.passages.push_back(p.get<int>());
        }
      }
      d.themes.push_back(std::move(t));
    }
  }
  return d;
}

// 1-based passage number of a code point offset.
int passage_of(const std::vector<Passage>& passages, std::size_t offset) {
  for (const auto& p : passages) {
    if (offset <= p.span.end) return p.n;
  }
  return passages.empty() ? 1 : passages.back().n;
}

bool keep_passage(const EvalOptions& o, int n) {
  if (o.passages == "odd") return n % 2 == 1;
  if (o.passages == "even") return n % 2 == 0;
  return true;
}

template <typename T>
Score compare_sets(const std::set<T>& gold, const std::set<T>& pred) {
  Score s;
  for (const auto& g : gold) {
    if (pred.count(g) > 0) {
      ++s.tp;
    } else {
      ++s.fn;
    }
  }
  for (const auto& p : pred) {
    if (gold.count(p) == 0) ++s.fp;
  }
  return s;
}

std::string type_of(const Registry& r, const std::string& id) {
  const Entity* e = r.find(id);
  return e == nullptr ? std::string("?") : e->type;
}

using MentionKey = std::tuple<std::size_t, std::size_t, std::string>;

std::set<MentionKey> mention_set(const Document& d, const std::vector<Passage>& passages,
                                 const EvalOptions& o) {
  std::set<MentionKey> out;
  for (const auto& e : d.entities) {
    for (const auto& m : e.mentions) {
      if (keep_passage(o, passage_of(passages, m.start))) out.insert({m.start, m.end, e.id});
    }
  }
  return out;
}

}  // namespace

double Score::precision() const { return ratio(tp, tp + fp); }
double Score::recall() const { return ratio(tp, tp + fn); }
double Score::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
Score& Score::operator+=(const Score& o) {
  tp += o.tp;
  fp += o.fp;
  fn += o.fn;
  return *this;
}

std::vector<Document> read_documents_for_eval(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kUsage, path + ": cannot open the file");
  std::vector<Document> out;
  const bool jsonl = path.size() < 5 || path.substr(path.size() - 5) != ".json";
  if (!jsonl) {
    std::stringstream ss;
    ss << in.rdbuf();
    json j;
    try {
      j = json::parse(ss.str());
    } catch (const json::exception& e) {
      throw Error(ErrorKind::kInput, path + ":1: invalid JSON: " + e.what());
    }
    if (j.is_array()) {
      for (const auto& x : j) out.push_back(document_from(x, path + ":1"));
    } else {
      out.push_back(document_from(j, path + ":1"));
    }
    return out;
  }
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j;
    try {
      j = json::parse(line);
    } catch (const json::exception& e) {
      throw Error(ErrorKind::kInput,
                  path + ":" + std::to_string(n) + ": invalid JSON: " + e.what());
    }
    out.push_back(document_from(j, path + ":" + std::to_string(n)));
  }
  return out;
}

EvalResult evaluate_annotations(const std::vector<Document>& gold,
                                const std::vector<Document>& predicted, const Registry& registry,
                                const EvalOptions& options) {
  EvalResult r;
  r.gold_documents = gold.size();
  r.predicted_documents = predicted.size();
  std::map<std::string, const Document*> by_id;
  for (const auto& d : predicted) by_id[d.id] = &d;
  const Document empty;
  for (const auto& g : gold) {
    const auto it = by_id.find(g.id);
    const Document& p = it == by_id.end() ? empty : *it->second;
    if (it != by_id.end()) ++r.paired;
    const std::vector<Passage> passages = split_passages(g.text);

    // Mentions, per type.
    const auto gm = mention_set(g, passages, options);
    const auto pm = mention_set(p, passages, options);
    r.mentions += compare_sets(gm, pm);
    for (const auto& k : gm) {
      auto& s = r.mentions_by_type[type_of(registry, std::get<2>(k))];
      if (pm.count(k) > 0) {
        ++s.tp;
      } else {
        ++s.fn;
      }
    }
    for (const auto& k : pm) {
      if (gm.count(k) == 0) ++r.mentions_by_type[type_of(registry, std::get<2>(k))].fp;
    }

    // Document entities, per type.
    std::set<std::string> ge;
    std::set<std::string> pe;
    for (const auto& e : g.entities) ge.insert(e.id);
    for (const auto& e : p.entities) {
      if (e.salient || !options.salient_only) pe.insert(e.id);
    }
    r.document_entities += compare_sets(ge, pe);
    for (const auto& id : ge) {
      auto& s = r.document_entities_by_type[type_of(registry, id)];
      if (pe.count(id) > 0) {
        ++s.tp;
      } else {
        ++s.fn;
      }
    }
    for (const auto& id : pe) {
      if (ge.count(id) == 0) ++r.document_entities_by_type[type_of(registry, id)].fp;
    }

    // Dates.
    std::set<std::tuple<std::size_t, std::size_t, std::string>> gd;
    std::set<std::tuple<std::size_t, std::size_t, std::string>> pd;
    std::multiset<std::string> gv;
    std::multiset<std::string> pv;
    for (const auto& d : g.dates) {
      if (!keep_passage(options, passage_of(passages, d.span.start))) continue;
      gd.insert({d.span.start, d.span.end, d.value.to_string()});
      gv.insert(d.value.to_string());
    }
    for (const auto& d : p.dates) {
      if (!keep_passage(options, passage_of(passages, d.span.start))) continue;
      pd.insert({d.span.start, d.span.end, d.value.to_string()});
      pv.insert(d.value.to_string());
    }
    r.dates += compare_sets(gd, pd);
    {
      Score s;
      std::multiset<std::string> rest = pv;
      for (const auto& v : gv) {
        const auto f = rest.find(v);
        if (f != rest.end()) {
          ++s.tp;
          rest.erase(f);
        } else {
          ++s.fn;
        }
      }
      s.fp = rest.size();
      r.date_values += s;
    }

    // Passage themes.
    std::set<std::pair<int, std::string>> gt;
    std::set<std::pair<int, std::string>> pt;
    const auto expand = [&](const Document& d, std::set<std::pair<int, std::string>>& into) {
      for (const auto& t : d.themes) {
        if (t.passages.empty()) {
          for (const auto& ps : passages) {
            if (ps.span.end > ps.span.start && keep_passage(options, ps.n))
              into.insert({ps.n, t.id});
          }
        } else {
          for (const int n : t.passages) {
            if (keep_passage(options, n)) into.insert({n, t.id});
          }
        }
      }
    };
    expand(g, gt);
    expand(p, pt);
    if (!gt.empty() || !pt.empty()) r.themes += compare_sets(gt, pt);
  }
  return r;
}

nlohmann::ordered_json to_json(const Score& s) {
  const auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
  return nlohmann::ordered_json{{"precision", round3(s.precision())},
                                {"recall", round3(s.recall())},
                                {"f1", round3(s.f1())},
                                {"tp", s.tp},
                                {"fp", s.fp},
                                {"fn", s.fn}};
}

nlohmann::ordered_json to_json(const EvalResult& r) {
  nlohmann::ordered_json j;
  j["gold_documents"] = r.gold_documents;
  j["predicted_documents"] = r.predicted_documents;
  j["paired"] = r.paired;
  j["mentions"] = to_json(r.mentions);
  nlohmann::ordered_json bt = nlohmann::ordered_json::object();
  for (const auto& [type, s] : r.mentions_by_type) bt[type] = to_json(s);
  j["mentions_by_type"] = bt;
  j["document_entities"] = to_json(r.document_entities);
  nlohmann::ordered_json dt = nlohmann::ordered_json::object();
  for (const auto& [type, s] : r.document_entities_by_type) dt[type] = to_json(s);
  j["document_entities_by_type"] = dt;
  j["dates"] = to_json(r.dates);
  j["date_values"] = to_json(r.date_values);
  j["passage_themes"] = to_json(r.themes);
  return j;
}

std::string format_eval_text(const EvalResult& r) {
  std::string out;
  char buf[256];
  const auto line = [&](const std::string& label, const Score& s) {
    std::snprintf(buf, sizeof buf, "%-40s P %.3f  R %.3f  F1 %.3f  (tp %zu, fp %zu, fn %zu)\n",
                  label.c_str(), s.precision(), s.recall(), s.f1(), s.tp, s.fp, s.fn);
    out += buf;
  };
  std::snprintf(buf, sizeof buf, "documents: %zu gold, %zu predicted, %zu paired\n",
                r.gold_documents, r.predicted_documents, r.paired);
  out += buf;
  line("mentions (exact span and id)", r.mentions);
  for (const auto& [type, s] : r.mentions_by_type) line("  " + type, s);
  line("document entities (id per document)", r.document_entities);
  for (const auto& [type, s] : r.document_entities_by_type) line("  " + type, s);
  line("dates (exact span and value)", r.dates);
  line("date values (value per document)", r.date_values);
  line("passage themes (passage and theme)", r.themes);
  return out;
}

}  // namespace annosearch

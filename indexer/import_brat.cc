// The brat importer.
#include "indexer/import_brat.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

namespace annosearch {
namespace {

namespace fs = std::filesystem;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t b = 0;
  while (true) {
    const std::size_t e = s.find(sep, b);
    parts.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return parts;
}

bool parse_size(std::string_view s, std::size_t* out) {
  if (s.empty() || s.size() > 12) return false;
  std::size_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  *out = v;
  return true;
}

// The text with "\r\n" and lone '\r' made '\n' and trailing newlines removed, and where each old
// code point offset lands in it (brat counts the '\r's; the corpus text has none).
struct NormalisedText {
  std::string text;
  std::vector<std::size_t> offset_map;  // old code point offset -> new; empty: unchanged
  std::size_t length = 0;               // code points of `text`
  [[nodiscard]] std::size_t map(std::size_t old) const {
    if (offset_map.empty()) return old;
    return old < offset_map.size() ? offset_map[old]
                                   : offset_map.back() + (old - offset_map.size() + 1);
  }
};

NormalisedText normalise(const std::string& utf8) {
  NormalisedText out;
  if (utf8.find('\r') == std::string::npos) {
    out.text = utf8;
  } else {
    std::size_t produced = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      const auto c = static_cast<unsigned char>(utf8[i]);
      if ((c & 0xC0) == 0x80) {  // continuation byte: same code point
        out.text += static_cast<char>(c);
        continue;
      }
      out.offset_map.push_back(produced);
      if (c == '\r') {
        if (i + 1 < utf8.size() && utf8[i + 1] == '\n') continue;  // the '\n' stands for both
        out.text += '\n';
      } else {
        out.text += static_cast<char>(c);
      }
      ++produced;
    }
    out.offset_map.push_back(produced);
  }
  while (!out.text.empty() && out.text.back() == '\n') out.text.pop_back();
  out.length = count_code_points(out.text);
  return out;
}

struct TextBound {
  std::string id;  // "T1"
  std::string type;
  std::vector<Span> spans;  // as written in the .ann (old offsets)
  std::string text;
  std::size_t line = 0;
};

struct Normalisation {
  std::string reference;  // "Wikidata:Q42"
  std::string name;
  std::size_t line = 0;
};

}  // namespace

std::string brat_entity_type(std::string_view brat_type) {
  const std::string t = to_lower_ascii(brat_type);
  if (t == "person" || t == "per" || t == "people") return "PERSON";
  if (t == "organization" || t == "organisation" || t == "org") return "ORG";
  if (t == "location" || t == "loc") return "LOC";
  if (t == "gpe") return "GPE";
  if (t == "norp") return "NORP";
  if (t == "event") return "EVENT";
  if (t == "fac" || t == "facility") return "FAC";
  return "OTHER";
}

BratImporter::BratImporter(const ImportOptions& options, Registry external)
    : options_(options), external_(std::move(external)) {
  for (const auto& [id, e] : external_.entities()) {
    if (!e.wikidata.empty()) external_by_wikidata_.emplace(e.wikidata, id);
  }
}

void BratImporter::define(const std::string& id, const std::string& name, const std::string& type,
                          const std::string& wikidata) {
  if (registry_.find(id) != nullptr) return;
  Entity e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.wikidata = wikidata;
  registry_.put(std::move(e));
}

void BratImporter::add_alias(const std::string& id, const std::string& mention) {
  const Entity* known = registry_.find(id);
  if (known == nullptr || mention.empty() || mention == known->name) return;
  if (std::find(known->aliases.begin(), known->aliases.end(), mention) != known->aliases.end()) {
    return;
  }
  Entity e = *known;
  e.aliases.push_back(mention);
  registry_.put(std::move(e));
}

std::string BratImporter::resolve_reference(const std::string& reference, const std::string& name,
                                            const std::string& mention, const std::string& type) {
  const std::size_t colon = reference.rfind(':');
  const std::string db = colon == std::string::npos ? std::string() : reference.substr(0, colon);
  const std::string key = colon == std::string::npos ? reference : reference.substr(colon + 1);
  const std::string label = name.empty() ? mention : name;
  const std::string db_lower = to_lower_ascii(db);
  // Q and digits only: "Wikidata:Q20<control bytes>" made the id wd-q20... that the corpus reader
  // rejects (found by tests/fuzz/fuzz_import); any other key takes the sanitised path below.
  const bool item =
      key.size() > 1 && (key[0] == 'Q' || key[0] == 'q') &&
      std::all_of(key.begin() + 1, key.end(), [](char c) { return c >= '0' && c <= '9'; });
  if ((db_lower == "wikidata" || db_lower == "wd") && item) {
    std::string qid = key;
    qid[0] = 'Q';
    if (const auto it = external_by_wikidata_.find(qid); it != external_by_wikidata_.end()) {
      return it->second;
    }
    std::string id = "wd-" + to_lower_ascii(qid);
    define(id, label, type, qid);
    return id;
  }
  std::size_t number = 0;
  std::string id = parse_size(key, &number) && !db.empty() ? slugify(db) + "-" + key
                                                           : sanitize_id(to_lower_ascii(key));
  if (id.empty()) return {};
  if (external_.find(id) != nullptr) return id;
  define(id, label, type, "");
  return id;
}

std::optional<Document> BratImporter::read(const std::filesystem::path& txt,
                                           DiagnosticReporter& reporter) {
  const std::string file = txt.string();
  const std::optional<std::string> content = read_file_bytes(txt);
  if (!content) {
    reporter.error(file, 0, "", "", "cannot read the file");
    return std::nullopt;
  }
  const std::string& bytes = *content;
  Document doc;
  doc.id = sanitize_id(txt.stem().string());
  if (doc.id.empty()) {
    reporter.error(file, 0, "", "id",
                   "the file name gives no usable id (letters, digits and ._:/-); rename the file");
    return std::nullopt;
  }
  std::size_t bad_offset = 0;
  if (!is_valid_utf8(bytes, &bad_offset)) {
    reporter.error(file, 0, doc.id, "text",
                   "invalid UTF-8 at byte " + std::to_string(bad_offset) +
                       "; brat offsets need the exact text: convert the file to UTF-8 (iconv)");
    return std::nullopt;
  }
  const NormalisedText norm = normalise(bytes);
  if (trim(norm.text).empty()) {
    reporter.error(file, 0, doc.id, "text", "the file has no text; nothing imported");
    return std::nullopt;
  }
  doc.text = norm.text;
  doc.title = std::string(trim(std::string_view(doc.text).substr(0, doc.text.find('\n'))));
  doc.language = options_.language.empty() ? "en" : options_.language;
  doc.date = options_.date;

  fs::path ann_path = txt;
  ann_path.replace_extension(".ann");
  const std::string ann = ann_path.string();
  std::ifstream ann_in(ann_path, std::ios::binary);
  if (!ann_in) {
    reporter.warning(
        file, 0, doc.id, "entities",
        "no " + ann_path.filename().string() + " beside it; imported without annotations");
    return doc;
  }

  // Read every line first: an N may come before the T it normalises.
  std::vector<TextBound> bounds;
  std::map<std::string, Normalisation> norms;  // by T id
  std::string line;
  std::size_t n = 0;
  while (std::getline(ann_in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    // Names and ids from an .ann line go into the registry written as JSON: invalid UTF-8 there
    // made the import end with exit 4 (json type_error.316) after reading everything (found by
    // tests/fuzz/fuzz_import).
    if (std::size_t bad = 0; !is_valid_utf8(line, &bad)) {
      reporter.error(ann, n, doc.id, "entities",
                     "invalid UTF-8 at byte " + std::to_string(bad) +
                         " of the line; line skipped (convert the file to UTF-8)");
      continue;
    }
    const auto fields = split(line, '\t');
    const std::string_view id = fields[0];
    const char kind = id.empty() ? '?' : id[0];
    if (kind == 'T') {
      if (fields.size() < 2) {
        reporter.error(ann, n, doc.id, "entities", "a T line needs TYPE START END; line skipped");
        continue;
      }
      TextBound t;
      t.id = std::string(id);
      t.line = n;
      t.text = fields.size() > 2 ? std::string(fields[2]) : std::string();
      const std::string_view spec = fields[1];
      const std::size_t space = spec.find(' ');
      t.type = std::string(spec.substr(0, space));
      bool ok = space != std::string_view::npos;
      if (ok) {
        for (const auto frag : split(spec.substr(space + 1), ';')) {
          const auto se = split(trim(frag), ' ');
          Span sp;
          if (se.size() != 2 || !parse_size(se[0], &sp.start) || !parse_size(se[1], &sp.end)) {
            ok = false;
            break;
          }
          t.spans.push_back(sp);
        }
      }
      if (!ok || t.spans.empty()) {
        reporter.error(ann, n, doc.id, "entities",
                       "cannot read \"" + std::string(spec) +
                           "\" (expected TYPE START END[;START END]); line skipped");
        continue;
      }
      bounds.push_back(std::move(t));
    } else if (kind == 'N') {
      const auto parts =
          fields.size() > 1 ? split(trim(fields[1]), ' ') : std::vector<std::string_view>{};
      if (parts.size() != 3) {
        reporter.error(ann, n, doc.id, "entities",
                       "a normalisation needs TYPE TARGET DB:ID (e.g. Reference T1 Wikidata:Q42); "
                       "line skipped");
        continue;
      }
      const std::string target(parts[1]);
      Normalisation nm{std::string(parts[2]), fields.size() > 2 ? std::string(trim(fields[2])) : "",
                       n};
      if (!norms.emplace(target, nm).second) {
        reporter.warning(ann, n, doc.id, "entities",
                         "a second normalisation of " + target + "; the first one is kept");
      }
    } else {
      ++ignored_;  // #, A, M, R, E, *: no place for them in the corpus format
    }
  }

  std::set<std::string> bound_ids;
  std::vector<std::string> order;  // entity ids in order of first mention
  std::map<std::string, std::vector<Span>> mentions;
  for (const auto& t : bounds) {
    bound_ids.insert(t.id);
    std::vector<Span> spans;
    std::string fragments;
    bool ok = true;
    for (const auto& sp : t.spans) {
      const Span mapped{norm.map(sp.start), norm.map(sp.end)};
      if (sp.start >= sp.end || mapped.end > norm.length) {
        reporter.error(ann, t.line, doc.id, "entities",
                       t.id + ": span " + std::to_string(sp.start) + "-" + std::to_string(sp.end) +
                           " is empty or outside the text (" + std::to_string(norm.length) +
                           " characters); annotation skipped");
        ok = false;
        break;
      }
      const std::string fragment = substr_code_points(doc.text, mapped.start, mapped.end);
      if (fragment.find('\n') != std::string::npos) {
        // The corpus format keeps a mention within one passage (a line of the text); such a span
        // made a document that validate and build reject (found by tests/fuzz/fuzz_import).
        reporter.error(ann, t.line, doc.id, "entities",
                       t.id + ": span " + std::to_string(sp.start) + "-" + std::to_string(sp.end) +
                           " crosses a line break, which ends a passage in the corpus format; "
                           "annotation skipped (split it into fragments: START END;START END)");
        ok = false;
        break;
      }
      if (!fragments.empty()) fragments += ' ';
      fragments += fragment;
      spans.push_back(mapped);
    }
    if (!ok) continue;
    if (!t.text.empty() && collapse_whitespace(t.text) != collapse_whitespace(fragments)) {
      reporter.warning(ann, t.line, doc.id, "entities",
                       t.id + ": the annotation says \"" + t.text + "\" but the text there is \"" +
                           fragments + "\"; the offsets are kept");
    }
    const std::string mention = collapse_whitespace(fragments);
    if (mention.empty()) {
      // Nothing to name an entity after: it was written with an empty name, which the registry
      // reader rejects (found by tests/fuzz/fuzz_import).
      reporter.error(ann, t.line, doc.id, "entities",
                     t.id + ": the span covers only white space; annotation skipped");
      continue;
    }
    const std::string type = brat_entity_type(t.type);
    std::string entity_id;
    if (const auto it = norms.find(t.id); it != norms.end()) {
      entity_id = resolve_reference(it->second.reference, it->second.name, mention, type);
      if (entity_id.empty()) {
        reporter.error(ann, it->second.line, doc.id, "entities",
                       "cannot make an id of \"" + it->second.reference + "\"; annotation skipped");
        continue;
      }
    } else {
      entity_id = slugify(t.type + " " + mention);
      if (entity_id.empty() || entity_id == slugify(t.type)) {
        entity_id = slugify(t.type + " " + doc.id + " " + t.id);
      }
      if (external_.find(entity_id) == nullptr) define(entity_id, mention, type, "");
    }
    if (external_.find(entity_id) == nullptr) {
      if (const Entity* e = registry_.find(entity_id); e != nullptr && e->type != type) {
        reporter.warning(ann, t.line, doc.id, "entities",
                         t.id + ": type " + t.type + " but " + entity_id + " is already " +
                             e->type + "; the first type is kept");
      }
      // A discontinuous annotation's joined text is no name a mention will carry.
      if (spans.size() == 1) add_alias(entity_id, mention);
    }
    auto& list = mentions[entity_id];
    if (list.empty()) order.push_back(entity_id);
    list.insert(list.end(), spans.begin(), spans.end());
  }
  for (const auto& [target, nm] : norms) {
    if (bound_ids.count(target) == 0) {
      reporter.warning(ann, nm.line, doc.id, "entities",
                       "the normalisation points to " + target +
                           ", which is not a text-bound annotation here; ignored");
    }
  }
  for (const auto& id : order) {
    auto spans = mentions[id];
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    spans.erase(std::unique(spans.begin(), spans.end(),
                            [](const Span& a, const Span& b) {
                              return a.start == b.start && a.end == b.end;
                            }),
                spans.end());
    doc.entities.push_back(EntityAnnotation{id, std::move(spans), options_.annotation_source});
  }
  return doc;
}

ImportResult import_brat(const ImportOptions& options, CorpusWriter& writer,
                         const ImportHooks& hooks) {
  ImportResult result;
  DiagnosticReporter reporter(hooks, result);
  std::vector<std::string> inputs;
  for (const auto& input : options.inputs) {
    // An .ann named on the command line stands for its .txt.
    fs::path p(input);
    if (p.extension() == ".ann") p.replace_extension(".txt");
    inputs.push_back(p.string());
  }
  const auto files = expand_inputs(
      inputs, [](const fs::path& p) { return p.extension() == ".txt"; }, true, reporter);
  BratImporter importer(options, load_registry_files(options.registry_files, reporter));
  if (hooks.on_total) hooks.on_total(files.size());
  std::set<std::string> ids;
  for (const auto& path : files) {
    if (auto doc = importer.read(path, reporter)) {
      if (!ids.insert(doc->id).second) {
        reporter.error(path.string(), 0, doc->id, "id",
                       "another file already gave this id; this file is skipped (rename it)");
      } else {
        writer.write(*doc);
      }
    }
    if (hooks.on_advance) hooks.on_advance(1);
  }
  writer.finish(importer.registry(), Taxonomy{});
  result.documents = writer.documents();
  result.entities = importer.registry().size();
  result.ignored = importer.ignored();
  return result;
}

}  // namespace annosearch

// The field rules of corpus format v1: one record at a time (see reader_rules.h).
#include "indexer/reader_rules.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>
#include <vector>

#include "core/analysis.h"
#include "core/date.h"
#include "core/schema.h"

namespace annosearch::reader_detail {
namespace {

using nlohmann::json;

// The entity types of corpus format v1 (OntoNotes names, as spaCy uses them). Another upper-case
// type is allowed, with a warning, so a new kind of entity needs no format change.
constexpr std::array<std::string_view, 12> kEntityTypes = {
    "PERSON", "ORG",     "GPE", "LOC",         "NORP",     "EVENT",
    "FAC",    "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE", "OTHER"};

bool is_ascii_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string a_type(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    default:
      return "not a JSON value";
  }
}

std::string join(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}
std::string at(const std::string& base, std::size_t i) {
  return base + "[" + std::to_string(i) + "]";
}
std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

const json* member(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

// A string field. Reports a missing required field or a wrong type.
std::optional<std::string> get_string(const json& obj, const char* key, const std::string& base,
                                      RecordSink& sink, bool required) {
  const json* j = member(obj, key);
  if (j == nullptr) {
    if (required) sink.error(join(base, key), "missing required field");
    return std::nullopt;
  }
  if (!j->is_string()) {
    sink.error(join(base, key), "must be a string, not " + a_type(*j));
    return std::nullopt;
  }
  return j->get<std::string>();
}

// An optional array of strings; bad elements are reported and skipped.
std::vector<std::string> get_string_array(const json& obj, const char* key, const std::string& base,
                                          RecordSink& sink) {
  std::vector<std::string> out;
  const json* j = member(obj, key);
  if (j == nullptr) return out;
  if (!j->is_array()) {
    sink.error(join(base, key), "must be an array of strings, not " + a_type(*j));
    return out;
  }
  for (std::size_t i = 0; i < j->size(); ++i) {
    const json& e = (*j)[i];
    if (e.is_string()) {
      out.push_back(e.get<std::string>());
    } else {
      sink.error(at(join(base, key), i), "must be a string, not " + a_type(e));
    }
  }
  return out;
}

// An optional array of objects: returns the array (nullptr when absent or of the wrong type).
const json* get_object_array(const json& obj, const char* key, const std::string& base,
                             RecordSink& sink) {
  const json* j = member(obj, key);
  if (j == nullptr) return nullptr;
  if (!j->is_array()) {
    sink.error(join(base, key), "must be an array, not " + a_type(*j));
    return nullptr;
  }
  return j;
}

// Each element of an array of objects must be an object.
bool require_object(const json& j, const std::string& field, RecordSink& sink) {
  if (j.is_object()) return true;
  sink.error(field, "must be an object, not " + a_type(j));
  return false;
}

// A code point offset: a required non-negative integer.
std::optional<std::size_t> get_offset(const json& obj, const char* key, const std::string& base,
                                      RecordSink& sink) {
  const json* j = member(obj, key);
  if (j == nullptr) {
    sink.error(join(base, key), "missing required field");
    return std::nullopt;
  }
  if (j->is_number_unsigned()) return j->get<std::size_t>();
  const std::string shown = j->is_number() ? j->dump() : a_type(*j);
  sink.error(join(base, key), "must be a non-negative integer (a code point offset), not " + shown);
  return std::nullopt;
}

// Unknown fields are warnings, so that a newer corpus still validates with an older annosearch.
void warn_unknown_fields(const json& obj, std::initializer_list<std::string_view> known,
                         const std::string& base, RecordSink& sink) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      sink.warning(join(base, key), "unknown field (ignored)");
    }
  }
}

// BCP 47 shape: a 2-3 letter primary language subtag, then subtags of 1-8 letters or digits.
bool is_bcp47_shape(std::string_view tag) {
  std::size_t i = 0;
  while (i < tag.size() && is_ascii_alpha(tag[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < tag.size() && (is_ascii_alpha(tag[i]) || is_ascii_digit(tag[i]))) ++i;
    if (i == start || i - start > 8) return false;
  }
  return true;
}

bool is_type_shape(std::string_view type) {
  if (type.empty() || type.front() < 'A' || type.front() > 'Z') return false;
  return std::all_of(type.begin(), type.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

// "prefix" then one or more digits, exactly `digits` of them when digits > 0.
bool is_code(std::string_view s, std::string_view prefix, std::size_t digits) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  const std::string_view rest = s.substr(prefix.size());
  if (rest.empty() || (digits > 0 && rest.size() != digits)) return false;
  return std::all_of(rest.begin(), rest.end(), is_ascii_digit);
}

// Ids, sources and languages become Xapian terms, which hold at most 245 bytes with their prefix:
// a longer one would make Xapian reject the whole batch ("Term too long"), so it is a located
// error on its record instead. `value` is measured as it is indexed (sources are folded first).
bool check_length(const std::string& value, const std::string& field, const char* what,
                  RecordSink& sink, std::size_t limit = schema::kMaxIdBytes) {
  if (value.size() <= limit) return true;
  sink.error(field, std::string(what) + " is " + std::to_string(value.size()) +
                        " bytes long; at most " + std::to_string(limit) +
                        " are allowed (it becomes a search term, and Xapian's terms are limited "
                        "to 245 bytes)");
  return false;
}

void check_id_field(const json& record, const std::string& base, RecordSink& sink,
                    std::string* out) {
  const auto id = get_string(record, "id", base, sink, true);
  if (!id) return;
  if (!is_valid_id(*id)) {
    sink.error(join(base, "id"),
               "id " + in_quotes(*id) + " may contain only letters, digits and ._:/-");
    return;
  }
  if (!check_length(*id, join(base, "id"), "id", sink)) return;
  *out = *id;
}

// What a text looks like to annotations: its length and where its newlines are, in code points.
struct TextShape {
  const std::string* text = nullptr;  // null when the document has no readable text
  std::size_t length = 0;
  std::vector<std::size_t> newlines;
  [[nodiscard]] std::size_t passages() const { return newlines.size() + 1; }
};

TextShape shape_of(const std::string& text) {
  TextShape shape;
  shape.text = &text;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    if (c == '\n') shape.newlines.push_back(shape.length);
    ++shape.length;
  }
  return shape;
}

// Reads {start, end} at base and checks the span against the text. Returns it when it is usable.
std::optional<Span> check_span(const json& obj, const std::string& base, const TextShape& text,
                               RecordSink& sink) {
  const auto start = get_offset(obj, "start", base, sink);
  const auto end = get_offset(obj, "end", base, sink);
  if (!start || !end || text.text == nullptr) return std::nullopt;
  bool ok = true;
  if (*end > text.length) {
    sink.error(join(base, "end"), "end " + std::to_string(*end) + " is past the end of the text (" +
                                      std::to_string(text.length) + " code points)");
    ok = false;
  }
  if (*start >= *end) {
    sink.error(base, "start " + std::to_string(*start) + " must be less than end " +
                         std::to_string(*end) + " (end is exclusive)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  const auto nl = std::lower_bound(text.newlines.begin(), text.newlines.end(), *start);
  if (nl != text.newlines.end() && *nl < *end) {
    sink.error(base, "span " + std::to_string(*start) + ".." + std::to_string(*end) +
                         " crosses a newline (a passage boundary); an annotation must lie within "
                         "one passage");
    return std::nullopt;
  }
  return Span{*start, *end};
}

// The annotation's "source": who made it. Missing is allowed but warned about, since `build
// --annotate auto` and reviewers tell gold from automatic annotations by it.
std::string check_source(const json& obj, const std::string& base, RecordSink& sink) {
  if (member(obj, "source") == nullptr) {
    sink.warning(join(base, "source"),
                 "missing field: say who annotated it (\"gold\", \"auto\" or a tool's name)");
    return {};
  }
  return get_string(obj, "source", base, sink, false).value_or("");
}

// The annotation's optional "confidence": a number from 0 to 1.
std::optional<double> check_confidence(const json& obj, const std::string& base, RecordSink& sink) {
  const json* c = member(obj, "confidence");
  if (c == nullptr) return std::nullopt;
  if (!c->is_number() || c->get<double>() < 0.0 || c->get<double>() > 1.0) {
    sink.error(join(base, "confidence"), "must be a number from 0 to 1");
    return std::nullopt;
  }
  return c->get<double>();
}

}  // namespace

void RecordSink::error(const std::string& field, const std::string& message) {
  ++errors;
  diagnostics.add({Severity::kError, file, line, id, field, message});
}

void RecordSink::warning(const std::string& field, const std::string& message) {
  diagnostics.add({Severity::kWarning, file, line, id, field, message});
}

std::optional<json> parse_record(const std::string& raw, RecordUnit unit, RecordSink& sink) {
  const char* what = unit == RecordUnit::kLine ? "line" : "record";
  std::size_t bad = 0;
  if (!is_valid_utf8(raw, &bad)) {
    sink.error("", "invalid UTF-8 at byte offset " + std::to_string(bad) + " of the " + what +
                       "; the file must be encoded in UTF-8");
    return std::nullopt;
  }
  try {
    return json::parse(raw);
  } catch (const json::out_of_range& e) {
    // A number too large for a double ("1E999999"): found by fuzzing; it used to escape and end
    // the whole batch with exit 4.
    std::string reason = e.what();
    if (const std::size_t bracket = reason.find("] "); bracket != std::string::npos) {
      reason.erase(0, bracket + 2);
    }
    sink.error("", "invalid JSON: " + reason);
    return std::nullopt;
  } catch (const json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.N] parse error at line L, column C: REASON"; the
    // position is recomputed from e.byte because nlohmann counts a newline as the next line's
    // column 0, and counts bytes, where an editor counts characters.
    std::string reason = e.what();
    if (const std::size_t bracket = reason.find("] "); bracket != std::string::npos) {
      reason.erase(0, bracket + 2);
    }
    if (reason.rfind("parse error at line ", 0) == 0) {
      if (const std::size_t colon = reason.find(": "); colon != std::string::npos) {
        reason.erase(0, colon + 2);
      }
    }
    const std::size_t offending = std::min<std::size_t>(e.byte, raw.size() + 1);
    const std::size_t pos = offending == 0 ? 0 : offending - 1;
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < pos && i < raw.size(); ++i) {
      if (raw[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    std::size_t column = line == 1 ? sink.column : 1;
    for (std::size_t i = line_start; i < pos && i < raw.size(); ++i) {
      if ((static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80) ++column;
    }
    if (unit == RecordUnit::kLine) {
      sink.error("", "invalid JSON at column " + std::to_string(column) + ": " + reason);
    } else {
      sink.error("", "invalid JSON at line " + std::to_string(sink.line + line - 1) + ", column " +
                         std::to_string(column) + ": " + reason);
    }
    return std::nullopt;
  }
}

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '.' || c == '_' || c == ':' || c == '/' ||
           c == '-';
  });
}

void take_id(const json& record, RecordSink& sink) {
  if (!record.is_object()) return;
  const json* id = member(record, "id");
  if (id != nullptr && id->is_string()) sink.id = id->get<std::string>();
}

std::optional<Entity> check_entity(const json& record, RecordSink& sink) {
  if (!record.is_object()) {
    sink.error("", "an entity must be a JSON object, not " + a_type(record));
    return std::nullopt;
  }
  take_id(record, sink);
  Entity e;
  check_id_field(record, "", sink, &e.id);
  if (const auto name = get_string(record, "name", "", sink, true)) {
    if (name->empty()) {
      sink.error("name", "must not be empty");
    } else {
      e.name = *name;
    }
  }
  if (const auto type = get_string(record, "type", "", sink, true)) {
    if (!is_type_shape(*type)) {
      sink.error("type", "type " + in_quotes(*type) +
                             " must be upper-case letters and underscores, such as PERSON or ORG");
    } else {
      e.type = *type;
      if (std::find(kEntityTypes.begin(), kEntityTypes.end(), *type) == kEntityTypes.end()) {
        sink.warning("type", "unknown entity type " + in_quotes(*type) +
                                 " (known: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, PRODUCT, LAW, "
                                 "WORK_OF_ART, LANGUAGE, OTHER)");
      }
    }
  }
  e.aliases = get_string_array(record, "aliases", "", sink);
  if (const auto wikidata = get_string(record, "wikidata", "", sink, false)) {
    if (is_code(*wikidata, "Q", 0)) {
      e.wikidata = *wikidata;
    } else {
      sink.error("wikidata", in_quotes(*wikidata) + " is not a Wikidata item id such as Q889");
    }
  }
  if (const json* related = get_object_array(record, "related", "", sink)) {
    for (std::size_t i = 0; i < related->size(); ++i) {
      const json& r = (*related)[i];
      const std::string base = at("related", i);
      // Kept even when broken, so that related[i] in the registry is related[i] in the file.
      Relation rel;
      if (require_object(r, base, sink)) {
        rel.relation = get_string(r, "relation", base, sink, true).value_or("");
        check_id_field(r, base, sink, &rel.id);
        warn_unknown_fields(r, {"relation", "id"}, base, sink);
      }
      e.related.push_back(std::move(rel));
    }
  }
  e.description = get_string(record, "description", "", sink, false).value_or("");
  warn_unknown_fields(
      record, {"id", "name", "type", "aliases", "wikidata", "related", "description"}, "", sink);
  if (e.id.empty()) return std::nullopt;
  return e;
}

std::optional<Theme> check_theme(const json& record, RecordSink& sink) {
  if (!record.is_object()) {
    sink.error("", "a theme must be a JSON object, not " + a_type(record));
    return std::nullopt;
  }
  take_id(record, sink);
  Theme t;
  check_id_field(record, "", sink, &t.id);
  t.label = get_string(record, "label", "", sink, true).value_or("");
  if (const auto parent = get_string(record, "parent", "", sink, false)) {
    if (!parent->empty() && !is_valid_id(*parent)) {
      sink.error("parent",
                 "id " + in_quotes(*parent) + " may contain only letters, digits and ._:/-");
    } else if (check_length(*parent, "parent", "id", sink)) {
      t.parent = *parent;
    }
  }
  if (member(record, "description") == nullptr) {
    sink.warning("description", "missing field: say what the theme covers, for annotators");
  } else {
    t.description = get_string(record, "description", "", sink, false).value_or("");
  }
  if (const auto iptc = get_string(record, "iptc", "", sink, false)) {
    if (is_code(*iptc, "medtop:", 8)) {
      t.iptc = *iptc;
    } else {
      sink.warning(
          "iptc",
          in_quotes(*iptc) + " is not an IPTC Media Topics code such as medtop:16000000 (ignored)");
    }
  }
  if (const json* keywords = member(record, "keywords")) {
    if (!keywords->is_array()) {
      sink.error("keywords", "must be an array of strings, not " + a_type(*keywords));
    } else {
      for (std::size_t i = 0; i < keywords->size(); ++i) {
        if (!(*keywords)[i].is_string() || (*keywords)[i].get<std::string>().empty()) {
          sink.error(at("keywords", i), "must be a non-empty string");
        } else {
          t.keywords.push_back((*keywords)[i].get<std::string>());
        }
      }
    }
  }
  warn_unknown_fields(record, {"id", "label", "parent", "description", "iptc", "keywords"}, "",
                      sink);
  if (t.id.empty()) return std::nullopt;
  return t;
}

const std::set<std::string>& DocumentChecker::folded_names(const Entity& entity) {
  auto it = folded_names_.find(entity.id);
  if (it != folded_names_.end()) return it->second;
  std::set<std::string> names{fold(entity.name)};
  for (const auto& alias : entity.aliases) names.insert(fold(alias));
  return folded_names_.emplace(entity.id, std::move(names)).first->second;
}

Document DocumentChecker::check(const json& record, RecordSink& sink) {
  Document doc;
  if (!record.is_object()) {
    sink.error("", "a document must be a JSON object, not " + a_type(record));
    return doc;
  }
  take_id(record, sink);
  check_id_field(record, "", sink, &doc.id);
  doc.title = get_string(record, "title", "", sink, false).value_or("");
  if (const auto date = get_string(record, "date", "", sink, false)) {
    std::string why;
    doc.date = PartialDate::parse(*date, &why);
    if (!doc.date) sink.error("date", why);
  }
  doc.source = get_string(record, "source", "", sink, false).value_or("");
  if (!doc.source.empty() &&
      !check_length(fold(doc.source), "source", "the source (case-folded)", sink)) {
    doc.source.clear();
  }
  doc.url = get_string(record, "url", "", sink, false).value_or("");
  doc.dateline = get_string(record, "dateline", "", sink, false).value_or("");
  if (const auto language = get_string(record, "language", "", sink, false)) {
    if (is_bcp47_shape(*language) && language->size() <= schema::kMaxLanguageBytes) {
      doc.language = *language;
    } else {
      sink.error("language",
                 in_quotes(*language) + " is not a BCP 47 language tag such as en, ru or pt-BR");
    }
  }
  doc.authors = get_string_array(record, "authors", "", sink);

  TextShape text;
  if (const auto t = get_string(record, "text", "", sink, true)) {
    doc.text = *t;
    text = shape_of(doc.text);
  }
  const CodePointIndex code_points(doc.text);  // mention surfaces in linear total time

  if (const json* entities = get_object_array(record, "entities", "", sink)) {
    std::map<std::string, std::size_t> first_at;  // entity id -> index in entities
    for (std::size_t i = 0; i < entities->size(); ++i) {
      const json& e = (*entities)[i];
      const std::string base = at("entities", i);
      if (!require_object(e, base, sink)) continue;
      EntityAnnotation ann;
      check_id_field(e, base, sink, &ann.id);
      const Entity* entity = nullptr;
      if (!ann.id.empty()) {
        entity = registry_.find(ann.id);
        if (entity == nullptr) {
          sink.error(join(base, "id"),
                     "unknown entity " + in_quotes(ann.id) + " (not in the registry)");
        }
        const auto [it, inserted] = first_at.emplace(ann.id, i);
        if (!inserted) {
          sink.error(join(base, "id"),
                     "entity " + in_quotes(ann.id) + " is listed twice (first at " +
                         at("entities", it->second) + "); merge its mentions into one entry");
        }
      }
      if (const json* mentions = get_object_array(e, "mentions", base, sink)) {
        for (std::size_t k = 0; k < mentions->size(); ++k) {
          const json& m = (*mentions)[k];
          const std::string mbase = at(join(base, "mentions"), k);
          if (!require_object(m, mbase, sink)) continue;
          const auto span = check_span(m, mbase, text, sink);
          warn_unknown_fields(m, {"start", "end"}, mbase, sink);
          if (!span) continue;
          ann.mentions.push_back(*span);
          if (entity != nullptr) {
            const std::string surface = code_points.substr(span->start, span->end);
            if (folded_names(*entity).count(fold(surface)) == 0) {
              sink.warning(mbase, "mention text " + in_quotes(surface) +
                                      " is not the name or an alias of entity " + entity->id);
            }
          }
        }
      }
      ann.source = check_source(e, base, sink);
      ann.confidence = check_confidence(e, base, sink);
      if (const json* salient = member(e, "salient"); salient != nullptr) {
        if (salient->is_boolean()) {
          ann.salient = salient->get<bool>();
        } else {
          sink.error(join(base, "salient"), "must be true or false");
        }
      }
      warn_unknown_fields(e, {"id", "mentions", "source", "confidence", "salient"}, base, sink);
      doc.entities.push_back(std::move(ann));
    }
  }

  if (const json* themes = get_object_array(record, "themes", "", sink)) {
    std::map<std::string, std::size_t> first_at;  // theme id -> index in themes
    for (std::size_t i = 0; i < themes->size(); ++i) {
      const json& t = (*themes)[i];
      const std::string base = at("themes", i);
      if (!require_object(t, base, sink)) continue;
      ThemeAnnotation ann;
      check_id_field(t, base, sink, &ann.id);
      if (!ann.id.empty()) {
        if (taxonomy_.find(ann.id) == nullptr) {
          sink.error(join(base, "id"),
                     "unknown theme " + in_quotes(ann.id) + " (not in the taxonomy)");
        }
        const auto [it, inserted] = first_at.emplace(ann.id, i);
        if (!inserted) {
          sink.error(join(base, "id"),
                     "theme " + in_quotes(ann.id) + " is listed twice (first at " +
                         at("themes", it->second) + "); merge its passages into one entry");
        }
      }
      if (const json* weight = member(t, "weight")) {
        if (!weight->is_number()) {
          sink.error(join(base, "weight"), "must be a number from 0 to 1, not " + a_type(*weight));
        } else if (const double w = weight->get<double>(); w < 0.0 || w > 1.0) {
          sink.error(join(base, "weight"), "weight " + weight->dump() + " is outside 0..1");
        } else {
          ann.weight = w;
        }
      }
      if (const json* passages = member(t, "passages")) {
        const std::string pbase = join(base, "passages");
        if (!passages->is_array()) {
          sink.error(pbase, "must be an array of passage numbers, not " + a_type(*passages));
        } else if (passages->empty()) {
          sink.warning(pbase,
                       "empty list: the theme then applies to the whole document; omit "
                       "the field to say so");
        }
        for (std::size_t k = 0; passages->is_array() && k < passages->size(); ++k) {
          const json& p = (*passages)[k];
          if (!p.is_number_integer()) {
            const std::string shown = p.is_number() ? p.dump() : a_type(p);
            sink.error(at(pbase, k), "must be a passage number (an integer from 1), not " + shown);
            continue;
          }
          const auto n = p.get<long long>();
          if (n < 1) {
            sink.error(at(pbase, k), "passage " + std::to_string(n) +
                                         " does not exist (passages are numbered from 1)");
          } else if (text.text != nullptr && static_cast<std::size_t>(n) > text.passages()) {
            sink.error(at(pbase, k), "passage " + std::to_string(n) +
                                         " does not exist (the text has " +
                                         std::to_string(text.passages()) + " passages)");
          } else {
            ann.passages.push_back(static_cast<int>(n));
          }
        }
      }
      ann.source = check_source(t, base, sink);
      warn_unknown_fields(t, {"id", "weight", "passages", "source"}, base, sink);
      doc.themes.push_back(std::move(ann));
    }
  }

  if (const json* dates = get_object_array(record, "dates", "", sink)) {
    for (std::size_t i = 0; i < dates->size(); ++i) {
      const json& d = (*dates)[i];
      const std::string base = at("dates", i);
      if (!require_object(d, base, sink)) continue;
      const auto span = check_span(d, base, text, sink);
      const auto value = get_string(d, "value", base, sink, true);
      const std::string date_source = get_string(d, "source", base, sink, false).value_or("");
      const auto date_confidence = check_confidence(d, base, sink);
      warn_unknown_fields(d, {"start", "end", "value", "source", "confidence"}, base, sink);
      if (!value) continue;
      std::string why;
      const auto range = DateRange::parse(*value, &why);
      if (!range) {
        sink.error(join(base, "value"), why);
        continue;
      }
      if (span) doc.dates.push_back({*span, *range, date_source, date_confidence});
    }
  }

  warn_unknown_fields(record,
                      {"id", "title", "date", "source", "url", "dateline", "language", "authors",
                       "text", "entities", "themes", "dates"},
                      "", sink);
  return doc;
}

}  // namespace annosearch::reader_detail

// Compiling requests into Xapian queries, running them with exact facets, and assembling hits.
#include "query/search.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include "core/analysis.h"
#include "core/error.h"
#include "core/index.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/stored.h"
#include "query/date_cover.h"
#include "query/highlight.h"
#include "query/parser.h"
#include "query/stopwords.h"

namespace annosearch {
namespace {

Xapian::Query match_all() { return Xapian::Query(std::string()); }

// A boolean subquery: matches like `q` but adds nothing to the weight.
Xapian::Query weightless(const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

Xapian::Query and_all(const std::vector<Xapian::Query>& qs) {
  if (qs.empty()) return match_all();
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

PartialDate parse_date_option(const std::string& what, const std::string& text) {
  std::string error;
  const auto d = PartialDate::parse(text, &error);
  if (!d) {
    throw Error(ErrorKind::kUsage,
                what + " \"" + text + "\": " + error + "; write YYYY, YYYY-MM or YYYY-MM-DD");
  }
  return *d;
}

DateRange parse_range_option(const std::string& what, const std::string& text) {
  std::string error;
  const auto r = DateRange::parse(text, &error);
  if (!r) {
    throw Error(ErrorKind::kUsage, what + " \"" + text + "\": " + error +
                                       "; write DATE or FROM..TO with dates YYYY, YYYY-MM or "
                                       "YYYY-MM-DD");
  }
  return *r;
}

// Sorts by publication date (first day of a partial date), undated last in both directions, ties
// by document id then passage number.
class DateSortKey : public Xapian::KeyMaker {
 public:
  explicit DateSortKey(bool descending) : descending_(descending) {}
  std::string operator()(const Xapian::Document& doc) const override {
    std::string key = doc.get_value(schema::kSlotDateFirst);
    if (key.empty()) {
      key = "~";  // after every digit
    } else if (descending_) {
      for (auto& c : key) {
        if (c >= '0' && c <= '9') c = static_cast<char>('9' - (c - '0'));
      }
    }
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(std::string(schema::kPrefixUid));
    if (t != doc.termlist_end()) {
      if (const auto uid = schema::decode_uid(*t)) key += uid->doc_id;
    }
    key += '\0';
    key += doc.get_value(schema::kSlotPassage);
    return key;
  }

 private:
  bool descending_;
};

// A clause of the free text: its query and how the user could type it again.
struct Clause {
  Xapian::Query query;
  std::string text;
};

// What a request compiles to.
struct Compiled {
  std::vector<Clause> content;         // weighted free text: required for a complete match
  std::vector<Clause> ignored;         // function words: neither required nor weighted
  std::vector<Xapian::Query> negated;  // top-level NOT clauses (AND_NOT)
  std::vector<Xapian::Query> filters;  // boolean filters, without the level term
  QueryEcho echo;
  HighlightTerms highlight;
  std::set<std::string> actor_ids;        // positive actor filters: their mentions are highlighted
  std::vector<Resolution> filter_actors;  // for why
  std::vector<Resolution> any_actors;     // --actor-any, for why: the ones a hit has
  std::vector<std::pair<std::string, std::set<std::string>>>
      any_themes;  // --theme-any: id, descendants
  std::vector<std::pair<std::string, std::set<std::string>>> theme_filters;  // id, descendants
  std::optional<DateRange> when;
  bool date_filtered = false;
  bool any = false;  // weighted(): content clauses joined by OR instead of AND
  // Multi-select: ORs of --actor-any and --theme-any (kept apart from `filters`, since the facets
  // are counted without them).
  std::vector<Xapian::Query> selections;
  std::set<std::string> actor_any;
  std::set<std::string> theme_any;
  bool gold_only = false;  // the gold twins of the annotation terms (--gold-only)

  [[nodiscard]] std::string_view actor_prefix() const {
    return gold_only ? schema::kPrefixGoldActor : schema::kPrefixActor;
  }

  [[nodiscard]] bool has_text() const { return !content.empty(); }

  // The content clauses joined by AND (or by OR when `or_join`).
  [[nodiscard]] Xapian::Query joined(bool or_join) const {
    std::vector<Xapian::Query> qs;
    for (const auto& c : content) qs.push_back(c.query);
    if (qs.size() == 1) return qs.front();
    return Xapian::Query(or_join ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, qs.begin(),
                         qs.end());
  }

  // The free-text part: weighted terms, MatchAll (weight 0) without any.
  [[nodiscard]] Xapian::Query weighted() const {
    Xapian::Query q = content.empty() ? weightless(match_all()) : joined(any);
    if (!negated.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                        Xapian::Query(Xapian::Query::OP_OR, negated.begin(), negated.end()));
    }
    return q;
  }

  // The whole query with extra boolean filters (the level term, a document id, ...).
  [[nodiscard]] Xapian::Query with(std::vector<Xapian::Query> extra) const {
    std::vector<Xapian::Query> all = filters;
    all.insert(all.end(), extra.begin(), extra.end());
    if (all.empty()) return weighted();
    return Xapian::Query(Xapian::Query::OP_FILTER, weighted(), and_all(all));
  }

  // The units of `with(extra)` that lack a content clause, ranked by BM25 over the OR.
  [[nodiscard]] Xapian::Query partial_with(std::vector<Xapian::Query> extra) const {
    Compiled copy_any = *this;
    copy_any.any = true;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, copy_any.with(std::move(extra)), joined(false));
  }
};

class Compiler {
 public:
  // analyzers: one per index language; the first tokenises (word breaks do not depend on it).
  Compiler(const Xapian::Database& db, const Taxonomy& taxonomy, const ActorResolver& actors,
           const ThemeResolver& themes, std::vector<const Analyzer*> analyzers,
           std::vector<std::string> languages)
      : db_(db),
        taxonomy_(taxonomy),
        actors_(actors),
        themes_(themes),
        analyzer_(*analyzers.front()),
        analyzers_(std::move(analyzers)),
        languages_(std::move(languages)) {}

  Compiled compile(const SearchRequest& req) {
    out_ = Compiled{};
    highlight_all_ = {};
    out_.echo.text = req.text;
    out_.echo.match = req.match;
    max_expansion_ = req.max_expansion;
    expand_all_ = req.expand;
    gold_ = req.gold_only;
    out_.gold_only = req.gold_only;
    out_.echo.filters.gold_only = req.gold_only;
    const QueryNode root = parse_query(req.text);
    for (const auto& a : req.actors) add_actor_filter(a, req.expand);
    for (const auto& t : req.themes) add_theme_filter(t);
    if (!req.from.empty() || !req.to.empty()) {
      std::optional<PartialDate> from;
      std::optional<PartialDate> to;
      if (!req.from.empty()) from = parse_date_option("--from", req.from);
      if (!req.to.empty()) to = parse_date_option("--to", req.to);
      add_date_filter(from, to);
    }
    if (!req.when.empty()) add_when_filter(parse_range_option("--when", req.when));
    if (!req.type.empty()) out_.echo.filters.type = upper(req.type);
    out_.echo.filters.min_mentions = req.min_mentions;
    add_any(req.actor_any, true);
    add_any(req.theme_any, false);

    // Top-level fields are filters like the options; everything else is free text.
    std::vector<const QueryNode*> clauses;
    if (root.kind == QueryNode::Kind::kAnd) {
      for (const auto& c : root.children) clauses.push_back(&c);
    } else {
      clauses.push_back(&root);
    }
    question_ = !clauses.empty() && opens_question(*clauses.front());
    std::vector<std::string> years;  // content words that could be years
    for (const QueryNode* c : clauses) {
      if (c->kind == QueryNode::Kind::kField) {
        lift_field(*c);
      } else if (c->kind == QueryNode::Kind::kNot) {
        Xapian::Query q = compile_node(c->children.front(), true);
        if (!q.empty()) out_.negated.push_back(q);
      } else {
        // Function words are neither required, weighted nor highlighted.
        const bool function_word = is_function_word(*c);
        const HighlightTerms saved = out_.highlight;
        Xapian::Query q = compile_node(*c, false);
        if (function_word) {
          const HighlightTerms& h = out_.highlight;
          highlight_all_.words.insert(h.words.begin(), h.words.end());
          highlight_all_.stems.insert(h.stems.begin(), h.stems.end());
          highlight_all_.phrases.insert(h.phrases.begin(), h.phrases.end());
          out_.highlight = saved;
        }
        if (q.empty()) continue;
        Clause clause{q, to_query_text(*c)};
        if (function_word) {
          out_.ignored.push_back(std::move(clause));
        } else {
          if (const std::string word = plain_word(*c); is_year(word)) years.push_back(word);
          out_.content.push_back(std::move(clause));
        }
      }
    }
    if (!out_.date_filtered && out_.echo.filters.when.empty()) {
      for (const auto& y : years) {
        std::string note = y;
        note.append(" is searched as a word in the text; date:").append(y);
        note.append(" keeps what was published in ").append(y);
        note.append(", when:").append(y).append(" what mentions a date in ").append(y);
        out_.echo.notes.push_back(std::move(note));
      }
    }
    // A question made only of function words ("the who") requires them all.
    if (out_.content.empty()) {
      std::swap(out_.content, out_.ignored);
      out_.highlight = highlight_all_;  // only function words were compiled: nothing else to keep
    }
    for (const auto& c : out_.content) out_.echo.required.push_back(c.text);
    for (const auto& c : out_.ignored) out_.echo.ignored.push_back(c.text);
    out_.any = req.match == MatchMode::kAny;
    return std::move(out_);
  }

 private:
  // The annotation prefixes in use: the gold twins under --gold-only.
  [[nodiscard]] std::string_view actor_prefix() const {
    return gold_ ? schema::kPrefixGoldActor : schema::kPrefixActor;
  }
  [[nodiscard]] std::string_view theme_prefix() const {
    return gold_ ? schema::kPrefixGoldTheme : schema::kPrefixTheme;
  }

  // Four digits from 1000 to 2999: a word a reader may have meant as a date.
  static bool is_year(std::string_view word) {
    return word.size() == 4 && (word[0] == '1' || word[0] == '2') &&
           std::all_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  }

  // The folded word of a plain word clause (not +word), empty for anything else.
  [[nodiscard]] std::string plain_word(const QueryNode& node) const {
    if (node.kind != QueryNode::Kind::kWord || node.required) return {};
    const auto tokens = analyzer_.tokenize(node.text);
    if (tokens.size() != 1) return {};
    return tokens.front().term;
  }

  // A query whose first clause is a plain word that opens a question in an index language.
  [[nodiscard]] bool opens_question(const QueryNode& first) const {
    const std::string word = plain_word(first);
    return !word.empty() &&
           std::any_of(languages_.begin(), languages_.end(), [&](const std::string& language) {
             return annosearch::opens_question(language, word);
           });
  }

  // A plain word that is a stop word of an index language, or in a question a word that frames it.
  [[nodiscard]] bool is_function_word(const QueryNode& node) const {
    const std::string word = plain_word(node);
    if (word.empty()) return false;
    return std::any_of(languages_.begin(), languages_.end(), [&](const std::string& language) {
      return is_stopword(language, word) || (question_ && is_question_frame_word(language, word));
    });
  }

  // The words of a query text; an over-long word is an error (it could never match).
  std::vector<Token> words(const QueryNode& node) const {
    std::vector<std::string> too_long;
    auto tokens = analyzer_.tokenize(node.text, &too_long);
    if (!too_long.empty()) {
      const std::string& w = too_long.front();
      throw Error(ErrorKind::kUsage, "query error at character " + std::to_string(node.position) +
                                         ": the word \"" + w.substr(0, 20) + "...\" is " +
                                         std::to_string(w.size()) + " bytes long; words over " +
                                         std::to_string(schema::kMaxTermBytes) +
                                         " bytes are not indexed, so it could never match");
    }
    return tokens;
  }

  // The actor's entity, and with `expand` its related ones, as terms with `prefix` (OR).
  Xapian::Query actor_terms(const std::string& id, bool expand, std::string_view prefix) {
    std::vector<Xapian::Query> terms{Xapian::Query(schema::term(prefix, id))};
    if (expand) {
      for (const auto& entry : actors_.related(id)) {
        const std::string& other = entry.first;
        terms.emplace_back(schema::term(prefix, other));
        const bool listed =
            std::any_of(out_.echo.expanded.begin(), out_.echo.expanded.end(),
                        [&](const Expansion& e) { return e.from == id && e.id == other; });
        if (!listed) out_.echo.expanded.push_back({id, other, entry.second});
      }
    }
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  void add_actor_filter(const std::string& input, bool expand) {
    const Resolution r = actors_.resolve(input);
    out_.echo.resolved.push_back(r);
    if (std::find(out_.echo.filters.actor.begin(), out_.echo.filters.actor.end(), r.id) ==
        out_.echo.filters.actor.end()) {
      out_.echo.filters.actor.push_back(r.id);
      out_.filters.push_back(actor_terms(r.id, expand, actor_prefix()));
      out_.filter_actors.push_back(r);
    }
    out_.actor_ids.insert(r.id);
    if (expand) {
      for (const auto& [other, relation] : actors_.related(r.id)) out_.actor_ids.insert(other);
    }
  }

  void add_any(const std::vector<std::string>& inputs, bool actor) {
    if (inputs.empty()) return;
    std::vector<Xapian::Query> terms;
    for (const auto& input : inputs) {
      const Resolution r = actor ? actors_.resolve(input) : themes_.resolve(input);
      auto& ids = actor ? out_.actor_any : out_.theme_any;
      if (!ids.insert(r.id).second) continue;
      if (actor) {
        out_.echo.resolved.push_back(r);
        out_.echo.filters.actor_any.push_back(r.id);
        out_.actor_ids.insert(r.id);
        out_.any_actors.push_back(r);
      } else {
        out_.echo.filters.theme_any.push_back(r.id);
        const auto d = taxonomy_.with_descendants(r.id);
        out_.any_themes.emplace_back(r.id, std::set<std::string>(d.begin(), d.end()));
      }
      terms.emplace_back(schema::term(actor ? actor_prefix() : theme_prefix(), r.id));
    }
    out_.selections.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  void add_theme_filter(const std::string& input) {
    const Resolution r = themes_.resolve(input);
    if (std::find(out_.echo.filters.theme.begin(), out_.echo.filters.theme.end(), r.id) !=
        out_.echo.filters.theme.end()) {
      return;
    }
    out_.echo.filters.theme.push_back(r.id);
    out_.filters.emplace_back(schema::term(theme_prefix(), r.id));
    const auto d = taxonomy_.with_descendants(r.id);
    out_.theme_filters.emplace_back(r.id, std::set<std::string>(d.begin(), d.end()));
  }

  static Xapian::Query date_query(const std::optional<PartialDate>& from,
                                  const std::optional<PartialDate>& to) {
    std::vector<Xapian::Query> parts;
    if (from) {
      parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotDateFirst, from->first_day_key());
    }
    if (to) {
      parts.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kSlotDateLast, to->last_day_key());
    }
    return and_all(parts);
  }

  void add_date_filter(const std::optional<PartialDate>& from,
                       const std::optional<PartialDate>& to) {
    auto& f = out_.echo.filters;
    if ((from && !f.from.empty()) || (to && !f.to.empty())) {
      throw Error(
          ErrorKind::kUsage,
          "the publication date range is given twice (--from/--to and date:); give it once");
    }
    if (from && to && to->last_day_key() < from->first_day_key()) {
      throw Error(ErrorKind::kUsage, "the publication date range ends (" + to->to_string() +
                                         ") before it starts (" + from->to_string() + ")");
    }
    if (from) f.from = from->to_string();
    if (to) f.to = to->to_string();
    out_.filters.push_back(date_query(from, to));
    out_.date_filtered = true;
  }

  Xapian::Query when_query(const DateRange& range) const {
    std::vector<Xapian::Query> terms;
    for (const auto& block : calendar_cover(range)) {
      terms.emplace_back(
          schema::term(gold_ ? schema::kPrefixGoldWhen : schema::kPrefixWhen, block));
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  void add_when_filter(const DateRange& range) {
    if (out_.when) {
      throw Error(ErrorKind::kUsage, "--when (or when:) is given twice; give one date range");
    }
    out_.when = range;
    out_.echo.filters.when = range.to_string();
    out_.filters.push_back(when_query(range));
  }

  // "2021-11", "2021-11..2021-12", "2021-11..", "..2021-12".
  static std::pair<std::optional<PartialDate>, std::optional<PartialDate>> date_field(
      const std::string& value) {
    const std::size_t dots = value.find("..");
    std::optional<PartialDate> from;
    std::optional<PartialDate> to;
    if (dots == std::string::npos) {
      from = to = parse_date_option("date:", value);
    } else {
      if (dots > 0) from = parse_date_option("date:", value.substr(0, dots));
      if (dots + 2 < value.size()) to = parse_date_option("date:", value.substr(dots + 2));
      if (!from && !to) throw Error(ErrorKind::kUsage, "date:.. needs a date on one side at least");
    }
    return {from, to};
  }

  // Runs f for the field `node`, naming the field's position in the query in an error's message
  // (an unknown actor, theme or date), as the parser does for its own errors.
  template <class F>
  static auto at_field(const QueryNode& node, F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const Error& e) {
      const std::string what = e.what();
      if (what.rfind("query error at character ", 0) == 0) throw;
      throw Error(e.kind(), e.code(),
                  "query error at character " + std::to_string(node.position) + ": " + what,
                  e.candidates());
    }
  }

  void lift_field(const QueryNode& node) {
    at_field(node, [&] { lift_field_at(node); });
  }

  void lift_field_at(const QueryNode& node) {
    if (node.field == "actor") {
      add_actor_filter(node.text, node.expand || expand_all_);
    } else if (node.field == "theme") {
      add_theme_filter(node.text);
    } else if (node.field == "date") {
      const auto [from, to] = date_field(node.text);
      add_date_filter(from, to);
    } else if (node.field == "when") {
      add_when_filter(parse_range_option("when:", node.text));
    } else if (node.field == "type") {
      out_.echo.filters.type = upper(node.text);
    }
  }

  // A field inside OR or NOT: a weightless subquery, not a filter of its own.
  Xapian::Query nested_field(const QueryNode& node, bool negated) {
    return at_field(node, [&] { return nested_field_at(node, negated); });
  }

  Xapian::Query nested_field_at(const QueryNode& node, bool negated) {
    if (node.field == "actor") {
      const Resolution r = actors_.resolve(node.text);
      out_.echo.resolved.push_back(r);
      if (!negated) out_.actor_ids.insert(r.id);
      return weightless(actor_terms(r.id, node.expand || expand_all_, actor_prefix()));
    }
    if (node.field == "theme") {
      const Resolution r = themes_.resolve(node.text);
      return weightless(Xapian::Query(schema::term(theme_prefix(), r.id)));
    }
    if (node.field == "date") {
      const auto [from, to] = date_field(node.text);
      return weightless(date_query(from, to));
    }
    if (node.field == "when") return weightless(when_query(parse_range_option("when:", node.text)));
    throw Error(ErrorKind::kUsage, "the field " + node.field +
                                       ": works only at the top level of the query, not inside "
                                       "OR, NOT or parentheses");
  }

  // Words in order within a window of (words + slop) positions; slop 0 is an exact phrase.
  Xapian::Query phrase(const std::vector<Token>& tokens, bool negated, std::size_t slop = 0) {
    std::vector<Xapian::Query> terms;
    std::vector<std::string> words;
    for (const auto& t : tokens) {
      terms.emplace_back(t.term);
      words.push_back(t.term);
    }
    if (!negated) {
      // A phrase is highlighted where its words stand together, a single quoted word anywhere.
      if (words.size() == 1 || slop > 0) {
        out_.highlight.words.insert(words.begin(), words.end());
      } else {
        out_.highlight.phrases.insert(words);
      }
    }
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size() + slop));
  }

  // word*: the unstemmed indexed words starting with the folded prefix, at most max_expansion_.
  // `positional`: an operand of NEAR/ADJ, given as the OP_OR of the words found: Xapian 1.4's
  // OP_NEAR and OP_PHRASE take OR subqueries of terms but throw UnimplementedError ("only
  // currently support leaf subqueries") on an OP_WILDCARD, which ended `Tajik* NEAR border` with
  // exit 4 (found by tests/fuzz/fuzz_query).
  Xapian::Query prefix(const QueryNode& node, bool negated, bool positional = false) {
    const auto tokens = words(node);
    if (tokens.size() != 1) {
      throw Error(ErrorKind::kUsage,
                  "query error at character " + std::to_string(node.position) + ": the prefix \"" +
                      node.text + "*\" is " +
                      (tokens.empty() ? std::string("not a word") : "several words") +
                      "; * ends a single word (Tajik*)");
    }
    const std::string& p = tokens.front().term;
    std::vector<std::string> expansion;
    for (auto t = db_.allterms_begin(p); t != db_.allterms_end(p); ++t) {
      if (expansion.size() == max_expansion_) {
        std::string some;
        for (std::size_t i = 0; i < expansion.size() && i < 3; ++i) some += expansion[i] + ", ";
        throw Error(ErrorKind::kUsage, "query error at character " + std::to_string(node.position) +
                                           ": " + node.text + "* matches more than " +
                                           std::to_string(max_expansion_) + " indexed words (" +
                                           some +
                                           "...); make the prefix longer or raise --max-expansion");
      }
      expansion.push_back(*t);
    }
    if (!negated) out_.highlight.words.insert(expansion.begin(), expansion.end());
    if (positional) {
      // No word starts with p: the term p itself (not indexed, or it would have been found)
      // matches nothing; an empty OR would be MatchNothing, which OP_NEAR drops as if absent.
      if (expansion.empty()) return Xapian::Query(p);
      return Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
    }
    return Xapian::Query(Xapian::Query::OP_WILDCARD, p,
                         static_cast<Xapian::termcount>(max_expansion_),
                         Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM);
  }

  // a NEAR/n b, a ADJ/n b: positional operands (unstemmed words, prefixes, phrase words, the
  // actor's mention terms) within a window of n + operands - 1 positions; a phrase operand must
  // also occur as a phrase in the unit.
  Xapian::Query proximity(const QueryNode& node, bool negated) {
    std::vector<Xapian::Query> positional;
    std::vector<Xapian::Query> phrases;
    for (const auto& op : node.children) {
      switch (op.kind) {
        case QueryNode::Kind::kWord:
        case QueryNode::Kind::kPhrase: {
          const auto tokens = words(op);
          if (tokens.empty()) {
            throw Error(ErrorKind::kUsage, "query error at character " +
                                               std::to_string(op.position) + ": \"" + op.text +
                                               "\" has no word to search");
          }
          for (const auto& t : tokens) positional.emplace_back(t.term);
          if (tokens.size() > 1) phrases.push_back(phrase(tokens, negated));
          if (!negated && tokens.size() == 1) out_.highlight.words.insert(tokens.front().term);
          break;
        }
        case QueryNode::Kind::kPrefix:
          positional.push_back(prefix(op, negated, true));
          break;
        case QueryNode::Kind::kField: {
          const Resolution r = actors_.resolve(op.text);
          out_.echo.resolved.push_back(r);
          if (!negated) out_.actor_ids.insert(r.id);
          positional.push_back(
              actor_terms(r.id, op.expand || expand_all_,
                          gold_ ? schema::kPrefixGoldMention : schema::kPrefixMention));
          break;
        }
        default:
          break;  // the parser allows no other operand
      }
    }
    const auto window = static_cast<Xapian::termcount>(node.distance + positional.size() - 1);
    Xapian::Query q(node.ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR,
                    positional.begin(), positional.end(), window);
    if (phrases.empty()) return q;
    phrases.insert(phrases.begin(), q);
    return Xapian::Query(Xapian::Query::OP_AND, phrases.begin(), phrases.end());
  }

  Xapian::Query compile_node(const QueryNode& node, bool negated) {
    switch (node.kind) {
      case QueryNode::Kind::kWord: {
        const auto tokens = words(node);
        if (tokens.empty()) return {};
        // "anti-Taliban" is two words for the analyser: a phrase, as the indexer saw them.
        if (tokens.size() > 1) return phrase(tokens, negated);
        // Stemmed for each language of the index: "беженцы" must meet a Russian document's stem.
        std::set<std::string> stems;
        for (const Analyzer* a : analyzers_) stems.insert(a->stem(tokens.front().term));
        std::vector<Xapian::Query> alternatives;
        for (const auto& stem : stems) {
          if (!negated) out_.highlight.stems.insert(stem);
          alternatives.emplace_back(schema::term(schema::kPrefixStem, stem));
        }
        if (alternatives.size() == 1) return alternatives.front();
        return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
      }
      case QueryNode::Kind::kPhrase: {
        const auto tokens = words(node);
        if (tokens.empty()) return {};
        return phrase(tokens, negated, node.distance);
      }
      case QueryNode::Kind::kPrefix:
        return prefix(node, negated);
      case QueryNode::Kind::kNear:
        return proximity(node, negated);
      case QueryNode::Kind::kField:
        return nested_field(node, negated);
      case QueryNode::Kind::kNot: {
        Xapian::Query inner = compile_node(node.children.front(), !negated);
        if (inner.empty()) return {};
        return Xapian::Query(Xapian::Query::OP_AND_NOT, weightless(match_all()), inner);
      }
      case QueryNode::Kind::kAnd: {
        std::vector<Xapian::Query> pos;
        std::vector<Xapian::Query> neg;
        for (const auto& c : node.children) {
          if (c.kind == QueryNode::Kind::kNot) {
            Xapian::Query q = compile_node(c.children.front(), !negated);
            if (!q.empty()) neg.push_back(q);
          } else {
            Xapian::Query q = compile_node(c, negated);
            if (!q.empty()) pos.push_back(q);
          }
        }
        if (pos.empty() && neg.empty()) return {};
        Xapian::Query q = pos.empty() ? weightless(match_all()) : and_all(pos);
        if (!neg.empty()) {
          q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                            Xapian::Query(Xapian::Query::OP_OR, neg.begin(), neg.end()));
        }
        return q;
      }
      case QueryNode::Kind::kOr: {
        std::vector<Xapian::Query> parts;
        for (const auto& c : node.children) {
          Xapian::Query q = compile_node(c, negated);
          if (!q.empty()) parts.push_back(q);
        }
        if (parts.empty()) return {};
        if (parts.size() == 1) return parts.front();
        return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
      }
    }
    return {};
  }

  const Xapian::Database& db_;
  const Taxonomy& taxonomy_;
  const ActorResolver& actors_;
  const ThemeResolver& themes_;
  const Analyzer& analyzer_;
  std::vector<const Analyzer*> analyzers_;
  std::vector<std::string> languages_;
  std::size_t max_expansion_ = kDefaultMaxExpansion;
  bool expand_all_ = false;
  bool gold_ = false;
  HighlightTerms highlight_all_;  // with the function words, for a query made only of them
  bool question_ = false;         // the query opens with a question word: frame words are ignored
  Compiled out_;
};

Taxonomy load_taxonomy(const Xapian::Database& db) {
  try {
    return taxonomy_from_string(db.get_metadata(std::string(schema::kMetaTaxonomy)));
  } catch (const Xapian::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kIndex, std::string("the theme taxonomy stored in the index is "
                                               "unreadable (") +
                                       e.what() + "); rebuild the index with `annosearch build`");
  }
}

// Salience (--min-mentions): a unit passes when every --actor filter, and one --actor-any
// selection when there are any, is mentioned in it at least N times.
class MentionDecider : public Xapian::MatchDecider {
 public:
  MentionDecider(std::vector<std::string> all, std::set<std::string> any, std::size_t n,
                 bool gold_only)
      : all_(std::move(all)), any_(std::move(any)), n_(n), gold_only_(gold_only) {}
  bool operator()(const Xapian::Document& doc) const override {
    const auto counts = mention_counts(doc, gold_only_);
    const auto enough = [&](const std::string& id) {
      const auto it = counts.find(id);
      return it != counts.end() && it->second >= n_;
    };
    for (const auto& id : all_) {
      if (!enough(id)) return false;
    }
    if (any_.empty()) return true;
    return std::any_of(any_.begin(), any_.end(), enough);
  }

 private:
  std::vector<std::string> all_;
  std::set<std::string> any_;
  std::size_t n_;
  bool gold_only_;
};

bool starts_with_folded(const std::string& s, const std::string& prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

void check_request(const SearchRequest& req) {
  if (req.offset > kMaxUnits) {
    throw Error(ErrorKind::kUsage, "--offset " + std::to_string(req.offset) +
                                       " is past any index (an index holds at most " +
                                       std::to_string(kMaxUnits) + " units)");
  }
  for (const auto& f : req.facets) {
    if (find_facet(f) == nullptr) {
      throw Error(ErrorKind::kUsage,
                  "unknown facet \"" + f + "\"; the facets are " + facet_names());
    }
  }
  for (const auto& [f, prefix] : req.facet_prefix) {
    if (find_facet(f) == nullptr) {
      std::string message = "--facet-prefix ";
      message += f;
      message += '=';
      message += prefix;
      message += ": unknown facet \"";
      message += f;
      message += "\"; the facets are ";
      message += facet_names();
      throw Error(ErrorKind::kUsage, message);
    }
  }
}

}  // namespace

const char* to_string(Level level) { return level == Level::kPassage ? "passage" : "article"; }

const char* to_string(MatchMode mode) {
  switch (mode) {
    case MatchMode::kAll:
      return "all";
    case MatchMode::kAny:
      return "any";
    case MatchMode::kAuto:
      break;
  }
  return "auto";
}

const char* to_string(DateBucket bucket) {
  switch (bucket) {
    case DateBucket::kYear:
      return "year";
    case DateBucket::kMonth:
      return "month";
    case DateBucket::kDay:
      return "day";
  }
  return "month";
}

Searcher::Searcher(Xapian::Database db)
    : db_(std::move(db)), registry_(db_), taxonomy_(load_taxonomy(db_)) {
  for (const auto& language : index_languages(db_)) analyzers_.emplace_back(language, language);
}

void Searcher::check_type(const std::string& type) const {
  if (type.empty()) return;
  std::set<std::string> known;
  for (const auto& t : registry_.types()) known.insert(t);
  std::string wanted;
  for (const char ch : type)
    wanted += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (known.count(wanted) > 0) return;
  std::string list;
  for (const auto& t : known) list += (list.empty() ? "" : ", ") + t;
  throw Error(ErrorKind::kUsage,
              "no entity of type " + wanted + " in the registry; the types are " + list);
}

std::vector<std::string> Searcher::languages() const {
  std::vector<std::string> out;
  for (const auto& entry : analyzers_) out.push_back(entry.first);
  return out;
}

const Analyzer& Searcher::analyzer_for(const std::string& language) const {
  const std::string primary = primary_language(language);
  for (const auto& [lang, analyzer] : analyzers_) {
    if (lang == primary) return analyzer;
  }
  return analyzers_.front().second;
}

std::string Searcher::query_description(const SearchRequest& request) const {
  check_request(request);
  std::vector<const Analyzer*> analyzers;
  for (const auto& entry : analyzers_) analyzers.push_back(&entry.second);
  const Compiled c =
      Compiler(db_, taxonomy_, actors_, themes_, analyzers, languages()).compile(request);
  return c
      .with({Xapian::Query(std::string(request.level == Level::kPassage ? schema::kTermPassage
                                                                        : schema::kTermArticle))})
      .get_description();
}

namespace {

// The passage to show for an article-level hit: the best passage of the same article matching the
// same query; else the first one mentioning a filtered actor; else passage 1 (or the first there
// is). Returns the stored passage, or nullopt when the article has none.
std::optional<StoredUnit> best_passage(const Xapian::Database& db, const Compiled& c,
                                       const std::string& id) {
  const Xapian::Query doc_term(schema::doc_term(id));
  const Xapian::Query passage_term{std::string(schema::kTermPassage)};
  Xapian::Enquire enquire(db);
  auto first = [&](const Xapian::Query& q) -> std::optional<StoredUnit> {
    enquire.set_query(q);
    const Xapian::MSet m = enquire.get_mset(0, 1);
    if (m.empty()) return std::nullopt;
    return parse_stored_unit(m.begin().get_document().get_data());
  };
  if (auto u = first(c.with({doc_term, passage_term}))) return u;
  if (!c.actor_ids.empty()) {
    std::vector<Xapian::Query> actors;
    for (const auto& a : c.actor_ids) actors.emplace_back(schema::term(c.actor_prefix(), a));
    const Xapian::Query any_actor(Xapian::Query::OP_OR, actors.begin(), actors.end());
    if (auto u = first(Xapian::Query(Xapian::Query::OP_FILTER, match_all(),
                                     and_all({doc_term, passage_term, any_actor})))) {
      return u;
    }
  }
  const std::string uid1 = schema::passage_uid(id, 1);
  if (auto it = db.postlist_begin(uid1); it != db.postlist_end(uid1)) {
    return parse_stored_unit(db.get_document(*it).get_data());
  }
  return first(
      Xapian::Query(Xapian::Query::OP_FILTER, match_all(), and_all({doc_term, passage_term})));
}

std::vector<std::string> matching_terms(const Xapian::Enquire& enquire,
                                        const Xapian::MSetIterator& item) {
  std::vector<std::string> out;
  for (auto t = enquire.get_matching_terms_begin(item); t != enquire.get_matching_terms_end(item);
       ++t) {
    const std::string term = *t;
    if (term.empty()) continue;
    std::string word;
    if (term[0] == schema::kPrefixStem[0]) {
      word = term.substr(schema::kPrefixStem.size());
    } else if (term[0] < 'A' || term[0] > 'Z') {
      word = term;  // unprefixed: an unstemmed word
    } else {
      continue;  // a filter term
    }
    if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
  }
  return out;
}

}  // namespace

SearchResult Searcher::search(const SearchRequest& request) const {
  check_request(request);
  check_type(request.type);
  std::vector<const Analyzer*> analyzers;
  for (const auto& entry : analyzers_) analyzers.push_back(&entry.second);
  const Compiled c =
      Compiler(db_, taxonomy_, actors_, themes_, analyzers, languages()).compile(request);
  const Xapian::Query level_term{
      std::string(request.level == Level::kPassage ? schema::kTermPassage : schema::kTermArticle)};

  SearchResult result;
  result.query = c.echo;
  // An actor found in no unit, whose words also name one that occurs (metonymy: "Dushanbe" for
  // the government of Tajikistan), gets a note saying which id to use: explainable, not silent.
  for (auto& r : result.query.resolved) {
    if (db_.get_termfreq(schema::term(c.actor_prefix(), r.id)) > 0) continue;
    for (const auto& other : actors_.also_named(r.input, r.id)) {
      const Xapian::doccount units = db_.get_termfreq(schema::term(c.actor_prefix(), other));
      if (units == 0) continue;
      const Entity* e = registry_.find(other);
      r.note = r.id;
      r.note += " occurs in no indexed document; \"";
      r.note += r.input;
      r.note += "\" also names ";
      r.note += other;
      if (e != nullptr) r.note += " (" + e->type + ", " + e->name + ")";
      r.note += ", which does: use --actor ";
      r.note += other;
      break;
    }
  }
  result.level = request.level;
  result.date_buckets = request.date_buckets;
  result.offset = request.offset;
  result.limit = request.limit;

  std::vector<Xapian::Query> hit_filters{level_term};
  hit_filters.insert(hit_filters.end(), c.selections.begin(), c.selections.end());
  Xapian::Enquire enquire(db_);
  enquire.set_query(c.with(hit_filters));
  DateSortKey sort_key(request.sort == SortOrder::kDateDescending);
  if (request.sort != SortOrder::kRelevance) enquire.set_sort_by_key(&sort_key, false);
  std::optional<MentionDecider> decider;
  if (request.min_mentions > 0 && (!c.echo.filters.actor.empty() || !c.actor_any.empty())) {
    decider.emplace(c.echo.filters.actor, c.actor_any, request.min_mentions, request.gold_only);
  }

  // Every facet in one pass. Without multi-select the pass is the hits' own match; with it, a
  // second match without the selections, which the counter applies facet by facet.
  FacetCounterConfig config;
  for (const auto& name : request.facets) config.facets.push_back(find_facet(name));
  config.bucket = request.date_buckets;
  config.min_mentions = request.min_mentions;
  config.entity_type = [this](const std::string& id) { return actor_ref(id).type; };
  config.actor_any = c.actor_any;
  config.theme_any = c.theme_any;
  config.gold_only = request.gold_only;
  FacetCounter counter(config);
  const bool separate_facet_pass = !c.selections.empty() && !config.facets.empty();
  if (!separate_facet_pass && !config.facets.empty()) enquire.add_matchspy(&counter);

  const Xapian::doccount everything = std::max<Xapian::doccount>(db_.get_doccount(), 1);
  const auto count = [&](const Xapian::Query& q) -> std::size_t {
    Xapian::Enquire e(db_);
    e.set_query(q);
    return e.get_mset(0, 0, everything).get_matches_estimated();
  };
  // --limit all is SIZE_MAX: no page holds more than every unit of the index.
  const auto limit =
      static_cast<Xapian::doccount>(std::min<std::size_t>(request.limit, everything));
  const Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(request.offset), request.want_hits ? limit : 0,
                       everything, nullptr, decider ? &*decider : nullptr);
  enquire.clear_matchspies();
  result.total = mset.get_matches_estimated();
  result.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (separate_facet_pass) {
    Xapian::Enquire facet_enquire(db_);
    facet_enquire.set_query(c.with({level_term}));
    facet_enquire.set_weighting_scheme(Xapian::BoolWeight());
    facet_enquire.add_matchspy(&counter);
    (void)facet_enquire.get_mset(0, 0, everything, nullptr, decider ? &*decider : nullptr);
    facet_enquire.clear_matchspies();
  }

  // No unit has every content clause: say how many have each, and how many have all but one.
  if (result.total == 0 && request.match != MatchMode::kAny && !c.content.empty()) {
    for (std::size_t i = 0; i < c.content.size(); ++i) {
      Compiled one = c;
      one.content = {c.content[i]};
      ClauseCount cc{c.content[i].text, count(one.with({level_term})), 0};
      if (c.content.size() > 1) {
        Compiled others = c;
        others.content.erase(others.content.begin() + static_cast<std::ptrdiff_t>(i));
        cc.without = count(others.with({level_term}));
      }
      result.query.clauses.push_back(std::move(cc));
    }
  }

  // --normalize: every unit of the level, bucketed by the same date facets.
  std::vector<const FacetTally*> bucket_totals(config.facets.size(), nullptr);
  FacetCounterConfig all_config;
  all_config.bucket = request.date_buckets;
  all_config.gold_only = request.gold_only;
  if (request.normalize) {
    for (const FacetDef* f : config.facets) {
      if (f->dated()) all_config.facets.push_back(f);
    }
  }
  FacetCounter all_counter(all_config);
  if (!all_config.facets.empty()) {
    Xapian::Enquire all(db_);
    all.set_query(level_term);
    all.set_weighting_scheme(Xapian::BoolWeight());
    all.add_matchspy(&all_counter);
    (void)all.get_mset(0, 0, everything);
    all.clear_matchspies();
    std::size_t k = 0;
    for (std::size_t i = 0; i < config.facets.size(); ++i) {
      if (config.facets[i]->dated()) bucket_totals[i] = &all_counter.tallies()[k++];
    }
  }

  for (std::size_t i = 0; i < config.facets.size(); ++i) {
    const FacetDef& def = *config.facets[i];
    const FacetTally& tally = counter.tallies()[i];
    Facet facet;
    facet.name = std::string(def.name);
    facet.units = tally.units;
    facet.missing = tally.missing;
    std::vector<std::string> prefixes;
    for (const auto& [f, prefix] : request.facet_prefix) {
      if (f == def.name) prefixes.push_back(prefix);
    }
    const std::string type = c.echo.filters.type;
    const auto label_of = [&](const std::string& value) -> std::pair<std::string, std::string> {
      if (def.label == FacetLabel::kEntity) {
        const ActorRef a = actor_ref(value);
        return {a.name, a.type};
      }
      if (def.label == FacetLabel::kTheme) return {theme_ref(value).label, ""};
      return {"", ""};
    };
    // Without a type or prefix to filter by, every value is kept without its label: only the
    // printed values are looked up (in the registry's keys), not every distinct value counted.
    const bool filtered = !prefixes.empty() || (def.name == "actor" && !type.empty());
    const auto keep = [&](const std::string& value) {
      if (!filtered) return true;
      const auto labelled = label_of(value);
      const std::string& label = labelled.first;
      if (def.name == "actor" && !type.empty() && upper(labelled.second) != type) return false;
      if (prefixes.empty()) return true;
      return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
        return starts_with_folded(value, p) || starts_with_folded(label, p);
      });
    };
    std::vector<FacetCount> counts;
    if (def.dated()) {
      std::map<std::string, std::size_t> kept;
      for (const auto& [value, n] : tally.counts) {
        if (keep(value)) kept.emplace(value, n);
      }
      counts = top_dates(kept, request.facet_size);
      // Every non-empty bucket listed: the empty ones between them are shown as 0.
      if (counts.size() == kept.size() && prefixes.empty()) {
        counts = zero_filled(counts, request.date_buckets);
        facet.zero_filled = true;
      }
    } else {
      counts = top_counts(tally.counts, request.facet_size, keep);
    }
    for (const auto& fc : counts) {
      FacetEntry e;
      e.value = fc.value;
      std::tie(e.label, e.type) = label_of(fc.value);
      if (def.label == FacetLabel::kTheme) {
        if (const Theme* t = taxonomy_.find(fc.value); t != nullptr) e.parent = t->parent;
      }
      e.count = fc.count;
      if (const auto it = tally.document_level.find(fc.value); it != tally.document_level.end()) {
        e.document_level = it->second;
      }
      if (bucket_totals[i] != nullptr) {
        const auto& totals = bucket_totals[i]->counts;
        const auto it = totals.find(fc.value);
        e.bucket_total = it == totals.end() ? 0 : it->second;
        e.share = e.bucket_total == 0
                      ? 0.0
                      : static_cast<double>(e.count) / static_cast<double>(e.bucket_total);
        facet.normalized = true;
      }
      facet.entries.push_back(std::move(e));
    }
    if (bucket_totals[i] != nullptr) facet.normalized = true;
    result.facets.push_back(std::move(facet));
  }

  if (!request.want_hits) return result;

  Compiled partial_c = c;
  partial_c.any = true;
  const auto add_hit = [&](const Xapian::Enquire& from, const Xapian::MSetIterator& item,
                           bool partial) {
    const Compiled& cc = partial ? partial_c : c;
    StoredUnit unit = parse_stored_unit(item.get_document().get_data());
    if (c.gold_only) keep_gold(unit);
    Hit hit;
    hit.id = unit.id;
    hit.title = unit.title;
    hit.date = unit.date;
    hit.source = unit.source;
    hit.url = unit.url;
    hit.score = c.has_text() ? item.get_weight() : 0.0;
    std::optional<StoredUnit> passage;
    if (unit.passage > 0) {
      passage = unit;
    } else {
      passage = best_passage(db_, cc, unit.id);
      if (passage && c.gold_only) keep_gold(*passage);
    }
    if (passage) {
      hit.passage.n = passage->passage;
      hit.passage.text = passage->text;
      hit.passage.highlights = highlight_spans(analyzer_for(passage->language), passage->text,
                                               c.highlight, passage->mentions, c.actor_ids);
    }
    for (const auto& a : unit.actors) hit.actors.push_back(actor_ref(a));
    for (const auto& t : unit.themes) hit.themes.push_back(theme_ref(t));
    hit.why.actors = c.filter_actors;
    // Of the --actor-any selection, the actors the unit has (one at least, or it would not match).
    for (const auto& r : c.any_actors) {
      if (std::find(unit.actors.begin(), unit.actors.end(), r.id) != unit.actors.end()) {
        hit.why.actors.push_back(r);
      }
    }
    const auto why_themes = [&](const auto& filters, bool only_present) {
      for (const auto& [id, descendants] : filters) {
        std::vector<std::string> matched;
        for (const auto& t : unit.themes) {
          if (descendants.count(t) != 0) matched.push_back(t);
        }
        if (only_present && matched.empty()) continue;
        hit.why.themes.emplace_back(id, std::move(matched));
      }
    };
    why_themes(c.theme_filters, false);
    why_themes(c.any_themes, true);
    if (c.when && passage) {
      for (const auto& d : passage->dates) {
        if (date_within(d.value, *c.when)) hit.why.when.push_back(d.value);
      }
    }
    if (c.date_filtered) hit.why.date = unit.date;
    if (c.has_text()) hit.why.terms = matching_terms(from, item);
    // Which content clauses the unit lacks: each clause tested on this unit alone.
    if (partial || request.match == MatchMode::kAny) {
      const std::string uid = unit.passage > 0 ? schema::passage_uid(unit.id, unit.passage)
                                               : schema::article_uid(unit.id);
      const Xapian::Query self(uid);
      for (const auto& clause : c.content) {
        if (count(Xapian::Query(Xapian::Query::OP_FILTER, clause.query, self)) == 0) {
          hit.missing.push_back(clause.text);
        }
      }
      hit.partial = !hit.missing.empty();
    }
    if (hit.partial) ++result.query.partial;
    result.hits.push_back(std::move(hit));
  };

  for (auto item = mset.begin(); item != mset.end(); ++item) add_hit(enquire, item, false);

  // Fewer complete matches than the page holds: continue with the partial ones (BM25 over OR).
  // Not for --limit all, which asks for every complete match, not for every unit with any word.
  const bool every_match = request.limit == std::numeric_limits<std::size_t>::max();
  if (request.match == MatchMode::kAuto && c.content.size() > 1 && !every_match &&
      mset.size() < limit) {
    Xapian::Enquire partial_enquire(db_);
    partial_enquire.set_query(c.partial_with(hit_filters));
    if (request.sort != SortOrder::kRelevance) partial_enquire.set_sort_by_key(&sort_key, false);
    const std::size_t skip = request.offset > result.total ? request.offset - result.total : 0;
    const Xapian::MSet more = partial_enquire.get_mset(
        static_cast<Xapian::doccount>(skip), static_cast<Xapian::doccount>(limit - mset.size()),
        nullptr, decider ? &*decider : nullptr);
    for (auto item = more.begin(); item != more.end(); ++item) {
      add_hit(partial_enquire, item, true);
    }
  }
  return result;
}

ActorRef Searcher::actor_ref(const std::string& id) const {
  const Entity* e = registry_.find(id);
  return {id, e != nullptr ? e->name : id, e != nullptr ? e->type : ""};
}

std::optional<Resolution> Searcher::try_resolve_actor(const std::string& input) const {
  try {
    return actors_.resolve(input);
  } catch (const Error&) {
    return std::nullopt;
  }
}

ThemeRef Searcher::theme_ref(const std::string& id) const {
  const Theme* t = taxonomy_.find(id);
  return {id, t != nullptr ? t->label : id};
}

namespace {

// Calls a function for every document the match sees (check_at_least = the document count).
class CallbackSpy : public Xapian::MatchSpy {
 public:
  explicit CallbackSpy(const std::function<void(const Xapian::Document&, double)>& fn) : fn_(fn) {}
  void operator()(const Xapian::Document& doc, double wt) override {
    ++count_;
    fn_(doc, wt);
  }
  [[nodiscard]] std::size_t count() const { return count_; }

 private:
  const std::function<void(const Xapian::Document&, double)>& fn_;
  std::size_t count_ = 0;
};

// A query-language value, quoted when it holds a space, a quote or a parenthesis.
std::string field_value(const std::string& v) {
  if (v.find_first_of(" \t\"()") == std::string::npos && !v.empty()) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::size_t Searcher::for_each_match(
    const SearchRequest& request, const std::function<void(const QueryEcho&)>& on_start,
    const std::function<void(const Xapian::Document&, double)>& on_match) const {
  SearchRequest req = request;
  req.facets.clear();
  check_request(req);
  check_type(req.type);
  std::vector<const Analyzer*> analyzers;
  for (const auto& entry : analyzers_) analyzers.push_back(&entry.second);
  const Compiled c =
      Compiler(db_, taxonomy_, actors_, themes_, analyzers, languages()).compile(req);
  on_start(c.echo);
  const Xapian::Query level_term{
      std::string(req.level == Level::kPassage ? schema::kTermPassage : schema::kTermArticle)};
  std::vector<Xapian::Query> filters{level_term};
  filters.insert(filters.end(), c.selections.begin(), c.selections.end());
  Xapian::Enquire enquire(db_);
  enquire.set_query(c.with(filters));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::optional<MentionDecider> decider;
  if (req.min_mentions > 0 && (!c.echo.filters.actor.empty() || !c.actor_any.empty())) {
    decider.emplace(c.echo.filters.actor, c.actor_any, req.min_mentions, req.gold_only);
  }
  if (!c.has_text()) enquire.set_weighting_scheme(Xapian::BoolWeight());
  CallbackSpy spy(on_match);
  enquire.add_matchspy(&spy);
  const Xapian::doccount everything = std::max<Xapian::doccount>(db_.get_doccount(), 1);
  (void)enquire.get_mset(0, 0, everything, nullptr, decider ? &*decider : nullptr);
  enquire.clear_matchspies();
  return spy.count();
}

std::string normalized_query(const QueryEcho& echo) {
  std::string out = echo.text;
  const auto add = [&](const std::string& field, const std::string& value) {
    if (!out.empty()) out += ' ';
    out += field + ":" + field_value(value);
  };
  for (const auto& a : echo.filters.actor) add("actor", a);
  for (const auto& t : echo.filters.theme) add("theme", t);
  // Multi-select as the query language writes it: (actor:a OR actor:b).
  for (const auto* any : {&echo.filters.actor_any, &echo.filters.theme_any}) {
    if (any->empty()) continue;
    const std::string field = any == &echo.filters.actor_any ? "actor:" : "theme:";
    std::string group;
    for (const auto& id : *any) group += (group.empty() ? "(" : " OR ") + field + field_value(id);
    out += (out.empty() ? "" : " ") + group + ")";
  }
  if (!echo.filters.from.empty() || !echo.filters.to.empty()) {
    add("date", echo.filters.from == echo.filters.to ? echo.filters.from
                                                     : echo.filters.from + ".." + echo.filters.to);
  }
  if (!echo.filters.when.empty()) add("when", echo.filters.when);
  if (!echo.filters.type.empty()) add("type", echo.filters.type);
  return out;
}

SearchResult search_index(const std::string& index_dir, const SearchRequest& request) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt == kAttempts;
    try {
      // A fresh Database each time: reopen() would not follow a republished stub.
      const Searcher searcher(open_index(index_dir));
      return searcher.search(request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (last) {
        throw Error(ErrorKind::kIndex, "the index at " + index_dir +
                                           " kept changing while being searched (" + e.get_msg() +
                                           "); try again");
      }
    } catch (const Xapian::DatabaseOpeningError& e) {
      if (last) {
        throw Error(ErrorKind::kIndex, "cannot open the index at " + index_dir + " (" +
                                           e.get_msg() + "); check it with `annosearch verify`");
      }
    } catch (const Error& e) {
      // Opening may fail while a generation is being replaced; a missing directory will not heal.
      std::error_code ec;
      if (e.kind() != ErrorKind::kIndex || last || !std::filesystem::exists(index_dir, ec)) throw;
    } catch (const Xapian::DatabaseError& e) {
      throw Error(ErrorKind::kIndex, "while searching the index at " + index_dir + ": " +
                                         e.get_description() +
                                         "; check it with `annosearch verify` or rebuild it");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

}  // namespace annosearch

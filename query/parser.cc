// Recursive-descent parser of the query language.
#include "query/parser.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/document.h"
#include "core/error.h"

namespace annosearch {
namespace {

struct Token {
  enum class Kind { kWord, kPhrase, kPrefix, kField, kOpen, kClose, kNot, kOr, kAnd, kNear, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;          // word, phrase, prefix, or field value
  std::string field;         // kField
  std::size_t position = 0;  // 1-based code point
  std::size_t distance = 0;  // kPhrase: slop; kNear: n
  bool ordered = false;      // kNear: ADJ
  bool required = false;     // kWord: +word
  bool expand = false;       // kField: actor:X+
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool ends_word(char c) { return is_space(c) || c == '(' || c == ')' || c == '"'; }

bool is_field_name(std::string_view name) {
  return std::find(std::begin(kQueryFields), std::end(kQueryFields), name) !=
         std::end(kQueryFields);
}

std::string fields_list() {
  std::string out;
  for (const auto f : kQueryFields) out += (out.empty() ? "" : ", ") + std::string(f) + ":";
  return out;
}

[[noreturn]] void fail(std::size_t position, const std::string& message) {
  throw Error(ErrorKind::kUsage,
              "query error at character " + std::to_string(position) + ": " + message);
}

// "NEAR", "NEAR/5", "ADJ", "ADJ/3": true and the parts; false for any other word.
bool proximity_operator(const std::string& w, std::size_t position, std::size_t* n, bool* ordered) {
  std::string_view rest;
  if (w.rfind("NEAR", 0) == 0) {
    *ordered = false;
    rest = std::string_view(w).substr(4);
  } else if (w.rfind("ADJ", 0) == 0) {
    *ordered = true;
    rest = std::string_view(w).substr(3);
  } else {
    return false;
  }
  const std::string name = *ordered ? "ADJ" : "NEAR";
  if (rest.empty()) {
    *n = 10;  // Xapian's QueryParser default for a bare NEAR
    return true;
  }
  if (rest.front() != '/') return false;  // NEARBY, ADJUST: plain words
  rest.remove_prefix(1);
  std::size_t value = 0;
  const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (rest.empty() || ec != std::errc() || ptr != rest.data() + rest.size() || value == 0 ||
      value > kMaxProximity) {
    fail(position, name + "/n needs a whole number n from 1 to " + std::to_string(kMaxProximity) +
                       " (words apart), not \"" + w + "\"");
  }
  *n = value;
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    bool required = false;  // a '+' just read
    while (true) {
      while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
      if (pos_ >= text_.size()) break;
      const char c = text_[pos_];
      const std::size_t at = column(pos_);
      if (required && c != '"' && (c == '(' || c == ')' || c == '-' || c == '+')) {
        fail(at, "+ must stand right before a word or a phrase (+word)");
      }
      if (c == '(') {
        out.push_back(simple(Token::Kind::kOpen, "(", at));
        ++pos_;
      } else if (c == ')') {
        out.push_back(simple(Token::Kind::kClose, ")", at));
        ++pos_;
      } else if (c == '"') {
        Token t = simple(Token::Kind::kPhrase, quoted(), at);
        t.distance = slop();
        out.push_back(std::move(t));
        required = false;
      } else if (c == '-' && dash(out)) {
        ++pos_;  // "a - b": a dash between words is punctuation, as in the indexed text
        continue;
      } else if (c == '-' || c == '+') {
        if (pos_ + 1 >= text_.size() || is_space(text_[pos_ + 1]) || text_[pos_ + 1] == ')') {
          fail(at, std::string(1, c) + " needs a term right after it (" + c +
                       "word); to search for the character itself there is nothing to find: "
                       "punctuation is not indexed");
        }
        // "-word" negates; "+word" makes a word required even when it is a stopword.
        if (c == '-') out.push_back(simple(Token::Kind::kNot, "-", at));
        if (c == '+') required = true;
        ++pos_;
        continue;
      } else {
        Token t = word();
        if (required) {
          if (t.kind != Token::Kind::kWord) fail(at, "+ applies to a word or a phrase only");
          t.required = true;
        }
        out.push_back(std::move(t));
      }
      required = false;
    }
    out.push_back(simple(Token::Kind::kEnd, {}, column(text_.size())));
    return out;
  }

 private:
  static Token simple(Token::Kind kind, std::string text, std::size_t position) {
    Token t;
    t.kind = kind;
    t.text = std::move(text);
    t.position = position;
    return t;
  }

  // A '-' at pos_ with a space after it, a term before it and a term later: a dash.
  bool dash(const std::vector<Token>& before) const {
    if (pos_ + 1 >= text_.size() || !is_space(text_[pos_ + 1]) || before.empty()) return false;
    const auto k = before.back().kind;
    if (k != Token::Kind::kWord && k != Token::Kind::kPhrase && k != Token::Kind::kPrefix &&
        k != Token::Kind::kField && k != Token::Kind::kClose) {
      return false;
    }
    const std::size_t next = text_.find_first_not_of(" \t\r\n", pos_ + 1);
    return next != std::string_view::npos && text_[next] != ')';
  }

  // 1-based code point column of a byte offset.
  std::size_t column(std::size_t byte) const {
    std::size_t n = 1;
    for (std::size_t i = 0; i < byte && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0U) != 0x80U) ++n;
    }
    return n;
  }

  // Reads a "quoted" string starting at the quote; returns its content.
  std::string quoted() {
    const std::size_t close = text_.find('"', pos_ + 1);
    if (close == std::string_view::npos) {
      fail(column(pos_), "unbalanced quote: close the phrase with \"");
    }
    std::string out(text_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return out;
  }

  // "~n" right after a closing quote: the phrase's slop; 0 without.
  std::size_t slop() {
    if (pos_ >= text_.size() || text_[pos_] != '~') return 0;
    const std::size_t at = column(pos_);
    ++pos_;
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (pos_ == start || ec != std::errc() || value > kMaxProximity ||
        (pos_ < text_.size() && !ends_word(text_[pos_]))) {
      fail(at, "~ after a phrase needs a whole number from 0 to " + std::to_string(kMaxProximity) +
                   " (\"a b\"~3)");
    }
    return value;
  }

  Token word() {
    const std::size_t start = pos_;
    const std::size_t at = column(start);
    while (pos_ < text_.size() && !ends_word(text_[pos_])) ++pos_;
    std::string w(text_.substr(start, pos_ - start));
    if (w == "OR") return simple(Token::Kind::kOr, w, at);
    if (w == "AND") return simple(Token::Kind::kAnd, w, at);
    if (w == "NOT") return simple(Token::Kind::kNot, w, at);
    if (w == "&&" || w == "||" || w == "!") {
      fail(at, "\"" + w + "\" is not an operator here; write AND, OR or NOT (in capitals)");
    }
    std::size_t n = 0;
    bool ordered = false;
    if (proximity_operator(w, at, &n, &ordered)) {
      Token t = simple(Token::Kind::kNear, w, at);
      t.distance = n;
      t.ordered = ordered;
      return t;
    }
    const std::size_t colon = w.find(':');
    const bool alphabetic =
        colon != std::string::npos && colon > 0 &&
        std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(colon),
                    [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); });
    if (!alphabetic) return plain_word(std::move(w), start);  // "10:30", "ISIL-K:..."
    const std::string name = w.substr(0, colon);
    if (!is_field_name(name)) {
      fail(at, "unknown field \"" + name + ":\"; the fields are " + fields_list() +
                   " (quote text that contains a colon)");
    }
    std::string value = w.substr(colon + 1);
    if (value.empty() && pos_ < text_.size() && text_[pos_] == '"') {
      value = quoted();
      if (pos_ < text_.size() && text_[pos_] == '+') {
        value += '+';
        ++pos_;
      }
    }
    if (value.empty()) {
      fail(at, "the field " + name + ": has no value; write " + name +
                   ":VALUE, quoted when it has spaces (" + name + ":\"two words\")");
    }
    Token t = simple(Token::Kind::kField, value, at);
    t.field = name;
    if (value.size() > 1 && value.back() == '+') {
      if (name != "actor") fail(at, "X+ (add related entities) works with actor: only");
      t.expand = true;
      t.text.pop_back();
    }
    if (t.text.find('*') != std::string::npos) {
      fail(at,
           "* does not work in field values; list matching entities with `annosearch "
           "entities NAME`");
    }
    return t;
  }

  Token plain_word(std::string w, std::size_t start) {
    const std::size_t star = w.find('*');
    const std::size_t tilde = w.find('~');
    if (tilde != std::string::npos) {
      fail(column(start + tilde), "~n works only right after a quoted phrase (\"a b\"~3)");
    }
    if (star == std::string::npos) return simple(Token::Kind::kWord, std::move(w), column(start));
    if (star + 1 != w.size()) {
      fail(column(start + star), "* works only at the end of a word (Tajik*)");
    }
    if (star == 0) fail(column(start), "* needs a prefix before it (Tajik*)");
    w.pop_back();
    return simple(Token::Kind::kPrefix, std::move(w), column(start));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  QueryNode parse() {
    QueryNode root = conjunction();
    if (peek().kind == Token::Kind::kClose) {
      fail(peek().position, "unbalanced parenthesis: a ) without its (");
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_++]; }

  static QueryNode simplify(QueryNode node) {
    if ((node.kind == QueryNode::Kind::kAnd || node.kind == QueryNode::Kind::kOr) &&
        node.children.size() == 1) {
      return std::move(node.children.front());
    }
    return node;
  }

  static bool ends_operand(Token::Kind k) {
    return k == Token::Kind::kEnd || k == Token::Kind::kClose || k == Token::Kind::kOr ||
           k == Token::Kind::kAnd || k == Token::Kind::kNear;
  }

  // clause* up to the end or a closing parenthesis.
  QueryNode conjunction() {
    QueryNode node;
    node.kind = QueryNode::Kind::kAnd;
    node.position = peek().position;
    while (peek().kind != Token::Kind::kEnd && peek().kind != Token::Kind::kClose) {
      if (peek().kind == Token::Kind::kAnd) {
        const Token& t = next();
        if (ends_operand(peek().kind) || node.children.empty()) {
          fail(t.position, "AND needs a term on each side");
        }
        continue;
      }
      QueryNode child = disjunction();
      if (!child.empty()) node.children.push_back(std::move(child));
    }
    return simplify(std::move(node));
  }

  QueryNode disjunction() {
    if (peek().kind == Token::Kind::kOr) fail(peek().position, "OR needs a term on each side");
    QueryNode node;
    node.kind = QueryNode::Kind::kOr;
    node.position = peek().position;
    node.children.push_back(unary());
    while (peek().kind == Token::Kind::kOr) {
      const Token& op = next();
      if (ends_operand(peek().kind)) fail(op.position, "OR needs a term on each side");
      node.children.push_back(unary());
    }
    return simplify(std::move(node));
  }

  QueryNode unary() {
    if (peek().kind == Token::Kind::kNot) {
      const Token& op = next();
      if (ends_operand(peek().kind)) {
        fail(op.position, "NOT (or -) needs a term after it");
      }
      QueryNode node;
      node.kind = QueryNode::Kind::kNot;
      node.position = op.position;
      node.children.push_back(unary());
      return node;
    }
    return proximity();
  }

  // operand (NEAR/n operand)*: one chain, one operator.
  QueryNode proximity() {
    if (peek().kind == Token::Kind::kNear) {
      fail(peek().position, peek().text + " needs a term on each side");
    }
    QueryNode first = atom();
    if (peek().kind != Token::Kind::kNear) return first;
    QueryNode node;
    node.kind = QueryNode::Kind::kNear;
    node.position = first.position;
    node.distance = peek().distance;
    node.ordered = peek().ordered;
    check_operand(first, peek());
    node.children.push_back(std::move(first));
    while (peek().kind == Token::Kind::kNear) {
      const Token op = next();
      if (op.distance != node.distance || op.ordered != node.ordered) {
        fail(op.position,
             "a chain of NEAR/ADJ must use one operator and one distance; split it "
             "into separate clauses (a NEAR/5 b b NEAR/3 c)");
      }
      if (ends_operand(peek().kind) || peek().kind == Token::Kind::kNot) {
        fail(op.position, op.text + " needs a term on each side");
      }
      QueryNode operand = atom();
      check_operand(operand, op);
      node.children.push_back(std::move(operand));
    }
    return node;
  }

  static void check_operand(const QueryNode& n, const Token& op) {
    const bool ok = n.kind == QueryNode::Kind::kWord || n.kind == QueryNode::Kind::kPrefix ||
                    (n.kind == QueryNode::Kind::kPhrase && n.distance == 0) ||
                    (n.kind == QueryNode::Kind::kField && n.field == "actor");
    if (!ok) {
      fail(n.position, op.text +
                           " joins words, prefixes (word*), exact \"phrases\" and actor:X; "
                           "not parentheses, NOT, other fields or phrases with ~");
    }
  }

  QueryNode atom() {
    const Token& t = next();
    QueryNode node;
    node.position = t.position;
    switch (t.kind) {
      case Token::Kind::kWord:
        node.kind = QueryNode::Kind::kWord;
        node.text = t.text;
        node.required = t.required;
        return node;
      case Token::Kind::kPhrase:
        node.kind = QueryNode::Kind::kPhrase;
        node.text = t.text;
        node.distance = t.distance;
        return node;
      case Token::Kind::kPrefix:
        node.kind = QueryNode::Kind::kPrefix;
        node.text = t.text;
        return node;
      case Token::Kind::kField:
        node.kind = QueryNode::Kind::kField;
        node.field = t.field;
        node.text = t.text;
        node.expand = t.expand;
        return node;
      case Token::Kind::kOpen: {
        node = conjunction();
        node.position = t.position;
        if (peek().kind != Token::Kind::kClose) {
          fail(t.position, "unbalanced parenthesis: a ( without its )");
        }
        next();
        return node;
      }
      case Token::Kind::kClose:
        fail(t.position, "unbalanced parenthesis: a ) without its (");
      default:
        fail(t.position, "unexpected \"" + t.text + "\"");
    }
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

std::string near_name(const QueryNode& node) {
  return std::string(node.ordered ? "ADJ/" : "NEAR/") + std::to_string(node.distance);
}

// A field's value as typed: quoted when it holds a character that ends an unquoted value (white
// space, a parenthesis), so that `actor:"a (b)"` prints back to itself and not to three tokens.
std::string field_value(const std::string& value) {
  const bool quote = value.find_first_of(" \t\r\n()") != std::string::npos;
  return quote ? "\"" + value + "\"" : value;
}

bool is_group(const QueryNode& node) {
  return node.kind == QueryNode::Kind::kAnd || node.kind == QueryNode::Kind::kOr;
}

}  // namespace

QueryNode parse_query(std::string_view text) {
  // Bytes that are not UTF-8 (a terminal in Latin-1, a file in another encoding) would be read as
  // characters of their own and never match: say where, before anything else.
  std::size_t bad = 0;
  if (!is_valid_utf8(std::string(text), &bad)) {
    const std::size_t position = count_code_points(std::string(text.substr(0, bad))) + 1;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    fail(position,
         std::string("the query is not valid UTF-8 (byte ") + byte + "); write it in UTF-8");
  }
  return Parser(Lexer(text).run()).parse();
}

std::string describe(const QueryNode& node) {
  switch (node.kind) {
    case QueryNode::Kind::kWord:
      return node.required ? "+" + node.text : node.text;
    case QueryNode::Kind::kPhrase:
      return "\"" + node.text + "\"" +
             (node.distance > 0 ? "~" + std::to_string(node.distance) : std::string());
    case QueryNode::Kind::kPrefix:
      return node.text + "*";
    case QueryNode::Kind::kField:
      return node.field + ":" + field_value(node.text) + (node.expand ? "+" : "");
    case QueryNode::Kind::kNot:
      return "NOT(" + describe(node.children.front()) + ")";
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr:
    case QueryNode::Kind::kNear: {
      std::string out = node.kind == QueryNode::Kind::kAnd  ? "AND("
                        : node.kind == QueryNode::Kind::kOr ? "OR("
                                                            : near_name(node) + "(";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        out += describe(node.children[i]);
      }
      return out + ")";
    }
  }
  return {};
}

std::string to_query_text(const QueryNode& node) {
  switch (node.kind) {
    case QueryNode::Kind::kNot: {
      // -(a b) and -(a OR b) keep their parentheses: "-a b" would negate a alone. An empty group
      // prints as "()", so that NOT of it still parses ("-" alone is an error).
      const auto& c = node.children.front();
      return "-" + (is_group(c) ? "(" + to_query_text(c) + ")" : to_query_text(c));
    }
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr:
    case QueryNode::Kind::kNear: {
      const std::string sep = node.kind == QueryNode::Kind::kAnd  ? " "
                              : node.kind == QueryNode::Kind::kOr ? " OR "
                                                                  : " " + near_name(node) + " ";
      std::string out;
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += sep;
        const auto& c = node.children[i];
        out += is_group(c) ? "(" + to_query_text(c) + ")" : to_query_text(c);
      }
      return out;
    }
    default:
      return describe(node);
  }
}

}  // namespace annosearch

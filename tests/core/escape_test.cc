// escape_control and valid_utf8: table-driven, expected strings written by hand.
#include "core/escape.h"

#include <string>

#include <catch2/catch.hpp>

using annosearch::escape_control;
using annosearch::valid_utf8;

TEST_CASE("escape_control makes control characters visible", "[core][escape]") {
  struct Row {
    std::string in;
    std::string out;
    std::string out_keep;  // with keep_line_breaks
  };
  const Row rows[] = {
      {"plain text", "plain text", "plain text"},
      {"Überblick – naïve", "Überblick – naïve", "Überblick – naïve"},
      {"a\nb", "a\\nb", "a\nb"},
      {"a\tb", "a\\tb", "a\tb"},
      {"a\rb", "a\\rb", "a\\rb"},
      {std::string("a\0b", 3), "a\\x00b", "a\\x00b"},
      {"\x1b]0;x\x07", "\\x1b]0;x\\x07", "\\x1b]0;x\\x07"},
      {"del\x7f", "del\\x7f", "del\\x7f"},
      {"csi\xc2\x9b", "csi\\u009b", "csi\\u009b"},             // U+009B, a C1 control
      {"rlo\xe2\x80\xae", "rlo\\u202e", "rlo\\u202e"},         // U+202E RIGHT-TO-LEFT OVERRIDE
      {"bad\xff", "bad\\xff", "bad\\xff"},                     // not UTF-8
      {"\xc0\xaf", "\\xc0\\xaf", "\\xc0\\xaf"},                // overlong '/'
      {"\xed\xa0\x80", "\\xed\\xa0\\x80", "\\xed\\xa0\\x80"},  // a surrogate
      {"cut\xe2\x80", "cut\\xe2\\x80", "cut\\xe2\\x80"},       // truncated sequence
      {"back\\slash", "back\\slash", "back\\slash"},           // left alone
      {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},  // U+1F600 stays
  };
  for (const auto& r : rows) {
    INFO(r.in);
    CHECK(escape_control(r.in) == r.out);
    CHECK(escape_control(r.in, true) == r.out_keep);
  }
}

TEST_CASE("valid_utf8 replaces each invalid byte with U+FFFD", "[core][escape]") {
  CHECK(valid_utf8("fine ü") == "fine ü");
  CHECK(valid_utf8("bad\xff.jsonl") == "bad\xEF\xBF\xBD.jsonl");
  CHECK(valid_utf8("\xc0\xaf") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(valid_utf8("a\xe2\x80") == "a\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(valid_utf8("") == "");
}

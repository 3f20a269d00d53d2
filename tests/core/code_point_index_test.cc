// CodePointIndex slices as substr_code_points does, and split_passages drops a '\r' before '\n'.
#include <string>

#include <catch2/catch.hpp>

#include "core/document.h"

using annosearch::CodePointIndex;
using annosearch::split_passages;

TEST_CASE("CodePointIndex slices by code points", "[core][document]") {
  // 150 code points: "é" (2 bytes) then 149 times "a", so strides of 64 cross multi-byte text.
  std::string text = "é";
  for (int i = 0; i < 70; ++i) text += "ab";
  text += "€€€€€€€€€";  // 9 times U+20AC (3 bytes each)
  const CodePointIndex index(text);
  CHECK(index.size() == 1 + 140 + 9);
  CHECK(index.substr(0, 1) == "é");
  CHECK(index.substr(1, 3) == "ab");
  CHECK(index.substr(63, 66) == "aba");  // code points 63..65 (odd ones are a): across a stride
  CHECK(index.substr(141, 143) == "€€");
  CHECK(index.substr(148, 200) == "€€");  // clamped at the end
  CHECK(index.substr(5, 5).empty());
  CHECK(index.substr(200, 300).empty());
  CHECK(index.byte_offset(1) == 2);
  CHECK(index.byte_offset(141) == 2 + 140);
  CHECK(index.byte_offset(150) == text.size());
  for (std::size_t s = 0; s < 150; s += 7) {
    for (std::size_t e = s; e <= 150; e += 11) {
      INFO(s << ".." << e);
      CHECK(index.substr(s, e) == annosearch::substr_code_points(text, s, e));
    }
  }
}

TEST_CASE("split_passages leaves a carriage return out of the passage", "[core][document]") {
  const auto p = split_passages("one\r\ntwo\n\r\nthree\r");
  REQUIRE(p.size() == 4);
  CHECK(p[0].span.start == 0);
  CHECK(p[0].span.end == 3);  // "one"
  CHECK(p[1].span.start == 5);
  CHECK(p[1].span.end == 8);  // "two"
  CHECK(p[2].span.start == 9);
  CHECK(p[2].span.end == 9);  // "" (the "\r" left out)
  CHECK(p[3].span.start == 11);
  CHECK(p[3].span.end == 16);  // "three", the final "\r" left out
}

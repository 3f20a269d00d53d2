// Index schema helpers.
#include "core/schema.h"

#include <catch2/catch.hpp>

namespace schema = annosearch::schema;

TEST_CASE("terms follow Omega's prefix rule", "[schema]") {
  CHECK(schema::term(schema::kPrefixActor, "taliban") == "XAtaliban");
  CHECK(schema::term(schema::kPrefixActor, "Usa") == "XA:Usa");
  CHECK(schema::term(schema::kPrefixUid, "Abc") == "QAbc");
}

TEST_CASE("value-slot lists round-trip", "[schema]") {
  const std::vector<std::string> ids{"taliban", "tajikistan", "emomali-rahmon"};
  std::vector<std::string> back;
  schema::for_each_in_list(schema::encode_list(ids),
                           [&](std::string_view id) { back.emplace_back(id); });
  CHECK(back == ids);
  int n = 0;
  schema::for_each_in_list("", [&](std::string_view) { ++n; });
  CHECK(n == 0);
}

#include "core/sha256.h"

TEST_CASE("sha256 matches the FIPS test vectors", "[schema]") {
  CHECK(annosearch::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(annosearch::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(annosearch::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(annosearch::sha256_hex(std::string(1000, 'a')).size() == 64);
}

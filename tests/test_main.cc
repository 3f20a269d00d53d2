// Catch2's main(); no tests here.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "record_fixture.hpp"

#include <doctest/doctest.h>

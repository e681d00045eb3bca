#include "app.hpp"

int main(int argc, char** argv) { return telework::cli::run(argc, argv); }

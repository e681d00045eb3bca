#include "app.hpp"
#include "heap.hpp"

int main(int argc, char** argv) {
    telework::cli::prefer_huge_heap_pages();
    return telework::cli::run(argc, argv);
}

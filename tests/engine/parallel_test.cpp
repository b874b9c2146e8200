// parallel_pull: every item of a source read by one thread at a time is worked on exactly once, on any number
// of threads, and the first failure stops the loop and reaches the caller.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "engine/parallel.hpp"

namespace surveycheck::engine {
namespace {

// A source of the numbers 0..count-1 that fails the test when two threads read it at once.
struct Source {
    int count = 0;
    int given = 0;
    std::atomic<int> readers{0};
    bool overlapped = false;

    bool next(int& item) {
        if (readers.fetch_add(1) != 0) overlapped = true;
        std::this_thread::yield();  // widen the window for an overlap
        const bool more = given < count;
        if (more) item = given++;
        readers.fetch_sub(1);
        return more;
    }
};

TEST(ParallelPull, WorksOnEveryItemOnceOnAnyNumberOfThreads) {
    for (const unsigned jobs : {1u, 2u, 3u, 8u}) {
        Source source{1000};
        std::mutex mutex;
        std::multiset<int> seen;
        std::set<std::thread::id> threads;
        parallel_pull<int>(
            jobs, [&](int& item) { return source.next(item); },
            [&](const int& item) {
                const std::lock_guard<std::mutex> lock(mutex);
                seen.insert(item);
                threads.insert(std::this_thread::get_id());
            },
            [](const int&) { return std::size_t{1}; }, 1000);
        EXPECT_FALSE(source.overlapped) << jobs << " threads";
        ASSERT_EQ(seen.size(), 1000u) << jobs << " threads";
        for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen.count(i), 1u) << i;
        EXPECT_LE(threads.size(), jobs);
    }
}

TEST(ParallelPull, FirstFailureOfTheWorkStopsReadingAndReachesTheCaller) {
    Source source{100000};
    std::atomic<int> done{0};
    EXPECT_THROW(parallel_pull<int>(
                     2, [&](int& item) { return source.next(item); },
                     [&](const int& item) {
                         if (item == 10) throw std::runtime_error("item 10");
                         ++done;
                     },
                     [](const int&) { return std::size_t{1}; }, 1000),
                 std::runtime_error);
    EXPECT_LT(source.given, 1000);  // it stopped soon after, instead of reading everything
    EXPECT_LT(done.load(), 1000);
}

TEST(ParallelPull, ReadsAheadNoMoreThanTheByteBudget) {
    // Items of 10 bytes, 25 bytes allowed ahead: at most 3 read and waiting, plus one in hand per thread.
    Source source{500};
    std::atomic<int> started{0};
    std::atomic<int> most_ahead{0};
    parallel_pull<int>(
        2,
        [&](int& item) {
            const bool more = source.next(item);
            if (more) most_ahead = std::max(most_ahead.load(), source.given - started.load());
            return more;
        },
        [&](const int&) {
            ++started;
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        },
        [](const int&) { return std::size_t{10}; }, 25);
    EXPECT_EQ(started.load(), 500);
    EXPECT_LE(most_ahead.load(), 3 + 2);
}

TEST(ParallelPull, FailureOfTheSourceReachesTheCaller) {
    int given = 0;
    EXPECT_THROW(parallel_pull<int>(
                     2,
                     [&](int& item) {
                         if (given == 7) throw std::runtime_error("unreadable");
                         item = given++;
                         return true;
                     },
                     [](const int&) {}, [](const int&) { return std::size_t{1}; }, 1000),
                 std::runtime_error);
}

}  // namespace
}  // namespace surveycheck::engine

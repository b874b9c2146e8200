// Parallel loops on a fixed number of threads: over indices (results go to per-index slots), and over the
// items of a source that only one thread at a time may read.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace surveycheck::engine {

// Call `body(i)` for every i in [0, count) on up to `jobs` threads (the caller's included); rethrows the
// first exception once every thread has stopped.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& body);

// Call `body(item)` on up to `jobs` threads (the caller's included) for every item `next(item)` gives until
// it returns false. No thread only reads: the thread that finds the queue running low calls `next` for the
// next few items (one thread at a time) while the others work on what is queued, so `jobs` threads keep
// `jobs` cores busy. The queue holds a few items per thread and at most `budget` bytes by `size_of(item)`
// (always at least one item). Rethrows the first exception once every thread has stopped.
template <typename Item, typename Next, typename Body, typename SizeOf>
void parallel_pull(unsigned jobs, Next&& next, Body&& body, SizeOf&& size_of, std::size_t budget) {
    // A read can take as long as checking ten items (a file read of 4 MiB): the others need that many queued.
    const std::size_t batch = 8;                    // items read in one turn
    const std::size_t low = 8 * std::size_t{jobs};  // read again when fewer are queued
    std::deque<Item> queue;
    std::size_t queued_bytes = 0;
    std::mutex mutex;
    std::condition_variable filled;
    bool reading = false;
    bool exhausted = false;
    std::exception_ptr failure;
    auto worker = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        while (!failure) {
            if (!reading && !exhausted && queue.size() < low && (queue.empty() || queued_bytes < budget)) {
                reading = true;
                const std::size_t room = queued_bytes < budget ? budget - queued_bytes : 0;
                lock.unlock();
                std::vector<Item> items;
                std::size_t bytes = 0;
                std::exception_ptr error;
                bool more = true;
                try {
                    Item item;
                    while (items.size() < batch && (items.empty() || bytes < room) && (more = next(item))) {
                        bytes += size_of(item);
                        items.push_back(std::move(item));
                    }
                } catch (...) {
                    error = std::current_exception();
                }
                lock.lock();
                reading = false;
                exhausted = !more || error;
                if (error && !failure) failure = error;
                for (auto& item : items) queue.push_back(std::move(item));
                queued_bytes += bytes;
                filled.notify_all();
            } else if (!queue.empty()) {
                Item item = std::move(queue.front());
                queue.pop_front();
                queued_bytes -= std::min(queued_bytes, size_of(item));
                lock.unlock();
                std::exception_ptr error;
                try {
                    body(item);
                } catch (...) {
                    error = std::current_exception();
                }
                lock.lock();
                if (error && !failure) {
                    failure = error;
                    filled.notify_all();
                }
            } else if (exhausted) {
                return;
            } else {
                filled.wait(lock);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace surveycheck::engine

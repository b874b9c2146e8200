// Parallel loops on a fixed number of threads: over indices (results go to per-index slots), and over the
// items of a source that only one thread at a time may read.
#pragma once

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
// `jobs` cores busy and the queue stays small. Rethrows the first exception once every thread has stopped.
template <typename Item, typename Next, typename Body>
void parallel_pull(unsigned jobs, Next&& next, Body&& body) {
    const std::size_t batch = 4;   // items read in one turn
    const std::size_t low = jobs;  // read again when fewer are queued
    std::deque<Item> queue;
    std::mutex mutex;
    std::condition_variable filled;
    bool reading = false;
    bool exhausted = false;
    std::exception_ptr failure;
    auto worker = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        while (!failure) {
            if (!reading && !exhausted && queue.size() < low) {
                reading = true;
                lock.unlock();
                std::vector<Item> items;
                std::exception_ptr error;
                bool more = true;
                try {
                    Item item;
                    while (items.size() < batch && (more = next(item))) items.push_back(std::move(item));
                } catch (...) {
                    error = std::current_exception();
                }
                lock.lock();
                reading = false;
                exhausted = !more || error;
                if (error && !failure) failure = error;
                for (auto& item : items) queue.push_back(std::move(item));
                filled.notify_all();
            } else if (!queue.empty()) {
                Item item = std::move(queue.front());
                queue.pop_front();
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

// SPDX-License-Identifier: GPL-2.0-or-later
// The daemon's run loop and its engine watch with a fake engine, on both
// event loops, with real signals sent to this process: what ends it, with
// which status and reason, and how a part before the watch takes events.

#include "engine/engine_state.hpp"
#include "engine/stats.hpp"
#include "event_loop_implementations.hpp"
#include "parts/engine_watch.hpp"
#include "process/notifier.hpp"
#include "run_loop.hpp"
#include "wait.hpp"

#include <atomic>
#include <cstdlib>
#include <functional>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mutex>
#include <signal.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <thread>
#include <unistd.h>

using jack_server::detail::Change;
using jack_server::detail::EngineState;
using jack_server::detail::EngineWatch;
using jack_server::detail::Notifier;
using jack_server::detail::Outcome;
using jack_server::detail::Part;
using jack_server::detail::Parts;
using jack_server::detail::ReceivedSignal;
using jack_server::detail::SignalAnswer;
using jack_server::detail::Stats;
using namespace std::chrono_literals;

namespace {

// An engine whose cycles advance on each read unless stalled, and whose
// shutdown and -T events the test raises (waking the loop, as the Monitor
// does from JACK's notification thread).
class FakeEngine final : public EngineState {
public:
    std::uint64_t cycles() override {
        reads_.fetch_add(1);
        if (!stalled_.load())
            cycles_.fetch_add(1);
        return cycles_.load();
    }
    std::uint64_t xruns() const override { return 0; }
    std::vector<jack_server::detail::LateClient> late_clients() const override { return {}; }
    float dsp_load() const override { return 1.5f; }
    std::uint32_t sample_rate() const override { return 48000; }
    std::uint32_t period() const override { return 256; }
    std::optional<std::string> shutdown_reason() const override {
        std::lock_guard lock(mutex_);
        return shutdown_reason_;
    }
    std::optional<std::string> device_lost() const override {
        std::lock_guard lock(mutex_);
        return device_lost_;
    }
    void forget_device_lost() override {
        std::lock_guard lock(mutex_);
        device_lost_.reset();
        stalled_.store(false); // the fallback cycles
    }
    bool last_client_left() const override { return last_client_left_.load(); }

    // Times the run loop sampled the engine (every tick, every SIGUSR1).
    int reads() const { return reads_.load(); }
    void stall() { stalled_.store(true); }
    void shut_down(jack_server::detail::EventLoop& loop, std::string reason) {
        {
            std::lock_guard lock(mutex_);
            shutdown_reason_ = std::move(reason);
        }
        loop.wake();
    }
    void lose_device(jack_server::detail::EventLoop& loop, std::string reason) {
        {
            std::lock_guard lock(mutex_);
            device_lost_ = std::move(reason);
        }
        stall(); // no cycle runs once the driver stopped
        loop.wake();
    }
    void last_client_leaves(jack_server::detail::EventLoop& loop) {
        last_client_left_.store(true);
        loop.wake();
    }

private:
    std::atomic<std::uint64_t> cycles_{0};
    std::atomic<int> reads_{0};
    std::atomic<bool> stalled_{false}, last_client_left_{false};
    mutable std::mutex mutex_;
    std::optional<std::string> shutdown_reason_, device_lost_;
};

// A feature part played by the test (a reload, a fallback): its hooks, when
// set, answer for it; it comes before the engine's watch, as features do.
struct ScriptedPart final : Part {
    std::function<SignalAnswer(const ReceivedSignal&)> signal;
    std::function<std::optional<Outcome>()> wake;
    SignalAnswer on_signal(const ReceivedSignal& received) override {
        return signal ? signal(received) : SignalAnswer{};
    }
    std::optional<Outcome> on_wake() override { return wake ? wake() : std::nullopt; }
};

class RunLoopTest : public testing::TestWithParam<test::EventLoopImplementation> {
protected:
    void SetUp() override {
        // No supervisor: the notifier sends nothing anywhere.
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        previous_logger_ = spdlog::default_logger();
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("run-loop-test", log_));
        // Made here, before any thread of the test: they all inherit the
        // blocked signals, as JACK's threads do in the daemon.
        loop_ = test::make_daemon_loop(GetParam());
        stall_timeout_ = 60s;
    }
    void TearDown() override {
        if (actions_.joinable())
            actions_.join();
        loop_.reset();
        spdlog::set_default_logger(previous_logger_);
    }

    // Runs the loop on this thread while `script` acts from another.
    Outcome run(std::function<void()> script) {
        actions_ = std::thread(std::move(script));
        EngineWatch watch(engine_, notifier_, stats_, stall_timeout_, 10ms);
        parts_ = Parts{};
        parts_.add(feature_);
        parts_.add(watch);
        auto outcome =
            jack_server::detail::run_until_stopped(*loop_, parts_, watch.tick_interval());
        actions_.join();
        return outcome;
    }

    // Waits until the loop has sampled the engine `reads` more times: it
    // runs. A failure is recorded and the script goes on, so that its last
    // signal still ends the loop.
    void wait_for_ticks(int reads = 2) {
        auto until = engine_.reads() + reads;
        EXPECT_TRUE(test::wait_until([&] { return engine_.reads() >= until; }));
    }

    bool logged(const std::string& text) const {
        for (const auto& line : log_->last_formatted())
            if (line.find(text) != std::string::npos)
                return true;
        return false;
    }

    static void send(int number) { EXPECT_EQ(::kill(::getpid(), number), 0); }

    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> log_ =
        std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
    std::shared_ptr<spdlog::logger> previous_logger_;
    std::unique_ptr<jack_server::detail::EventLoop> loop_;
    FakeEngine engine_;
    Notifier notifier_{std::nullopt, std::nullopt};
    Stats stats_{"dummy", std::nullopt};
    std::optional<std::chrono::milliseconds> stall_timeout_;
    ScriptedPart feature_;
    Parts parts_;
    std::thread actions_;
};

TEST_P(RunLoopTest, AStopSignalEndsWithZeroAndSaysWhich) {
    for (auto [number, name] : {std::pair{SIGTERM, "SIGTERM"}, std::pair{SIGINT, "SIGINT"},
                                std::pair{SIGQUIT, "SIGQUIT"}}) {
        auto outcome = run([&] {
            wait_for_ticks();
            send(number);
        });
        EXPECT_EQ(outcome.status, 0);
        EXPECT_EQ(outcome.reason, std::string("received ") + name);
    }
}

TEST_P(RunLoopTest, SighupWithoutAReloadStopsAsJackdDoes) {
    auto outcome = run([&] { send(SIGHUP); });
    EXPECT_EQ(outcome.status, 0);
    EXPECT_EQ(outcome.reason, "received SIGHUP");
}

TEST_P(RunLoopTest, TheLastClientLeavingEndsWithZero) {
    auto outcome = run([&] {
        wait_for_ticks();
        engine_.last_client_leaves(*loop_);
    });
    EXPECT_EQ(outcome.status, 0);
    EXPECT_EQ(outcome.reason, "the last client left (-T)");
}

TEST_P(RunLoopTest, CyclesNotAdvancingForTheStallTimeoutEndWith75) {
    stall_timeout_ = 100ms;
    auto started = std::chrono::steady_clock::now();
    auto outcome = run([&] {
        wait_for_ticks();
        engine_.stall();
    });
    EXPECT_EQ(outcome.status, 75);
    EXPECT_THAT(outcome.reason, testing::StartsWith("the engine stalled: no process cycle for "));
    EXPECT_GE(std::chrono::steady_clock::now() - started, 100ms);
}

TEST_P(RunLoopTest, AnEngineShutdownEndsWith75AndJacksReason) {
    auto outcome = run([&] {
        wait_for_ticks();
        engine_.shut_down(*loop_, "the device went away");
    });
    EXPECT_EQ(outcome.status, 75);
    EXPECT_EQ(outcome.reason, "the engine shut down: the device went away");
}

// JACK said the device is gone: no need to wait out the stall timeout.
TEST_P(RunLoopTest, ALostDeviceEndsWith75AtOnce) {
    stall_timeout_ = 60s;
    auto started = std::chrono::steady_clock::now();
    auto outcome = run([&] {
        wait_for_ticks();
        engine_.lose_device(*loop_,
                            "ALSA: prepare error for playback on \"hw:1\" (No such device)");
    });
    EXPECT_EQ(outcome.status, 75);
    EXPECT_EQ(outcome.reason,
              "the device was lost: ALSA: prepare error for playback on \"hw:1\" (No such device)");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

TEST_P(RunLoopTest, ALostDeviceTakenByAPartKeepsRunning) {
    stall_timeout_ = 100ms;
    std::vector<std::string> losses;
    jack_server::Config on_fallback;
    on_fallback.driver.name = "dummy";
    feature_.wake = [&]() -> std::optional<Outcome> {
        if (auto lost = engine_.device_lost()) {
            losses.push_back(*lost);
            engine_.forget_device_lost();
            parts_.change({Change::Cause::fallback, on_fallback, true, std::nullopt, *lost});
        }
        return std::nullopt;
    };
    auto outcome = run([&] {
        wait_for_ticks();
        engine_.lose_device(*loop_, "gone");
        // Longer than the stall timeout: cycles run again on the fallback.
        std::this_thread::sleep_for(200ms);
        wait_for_ticks();
        send(SIGTERM);
    });
    EXPECT_EQ(outcome.status, 0) << outcome.reason;
    EXPECT_EQ(losses, std::vector<std::string>{"gone"});
    // The watch took the fallback's news: the figures say so.
    EXPECT_THAT(stats_.line(), testing::HasSubstr("driver dummy (on fallback for "));
}

TEST_P(RunLoopTest, AFallbackThatFailsEndsWith75AndBothReasons) {
    feature_.wake = [&]() -> std::optional<Outcome> {
        if (auto lost = engine_.device_lost())
            return Outcome{
                75, "the device was lost: " + *lost + "; the fallback dummy failed too: no", true};
        return std::nullopt;
    };
    auto outcome = run([&] {
        wait_for_ticks();
        engine_.lose_device(*loop_, "gone");
    });
    EXPECT_EQ(outcome.status, 75);
    EXPECT_EQ(outcome.reason, "the device was lost: gone; the fallback dummy failed too: no");
}

TEST_P(RunLoopTest, ASignalTakenByAPartDoesNotStop) {
    std::atomic<int> reloads{0};
    feature_.signal = [&](const ReceivedSignal& received) -> SignalAnswer {
        if (received.number != SIGHUP)
            return {};
        reloads.fetch_add(1);
        return {true, std::nullopt};
    };
    auto outcome = run([&] {
        wait_for_ticks();
        send(SIGHUP);
        EXPECT_TRUE(test::wait_until([&] { return reloads.load() == 1; }));
        // Still running: it samples the engine after the reload.
        wait_for_ticks();
        send(SIGTERM);
    });
    EXPECT_EQ(reloads.load(), 1);
    EXPECT_EQ(outcome.status, 0);
    EXPECT_EQ(outcome.reason, "received SIGTERM");
}

TEST_P(RunLoopTest, AReloadThatLostTheEngineEndsWith75) {
    feature_.signal = [](const ReceivedSignal& received) -> SignalAnswer {
        if (received.number != SIGHUP)
            return {};
        return {true, Outcome{75, "the reload left the engine without a driver", true}};
    };
    auto outcome = run([&] { send(SIGHUP); });
    EXPECT_EQ(outcome.status, 75);
    EXPECT_EQ(outcome.reason, "the reload left the engine without a driver");
    EXPECT_TRUE(outcome.engine_without_driver);
}

TEST_P(RunLoopTest, Sigusr1LogsTheStatusAndKeepsRunning) {
    auto outcome = run([&] {
        wait_for_ticks();
        send(SIGUSR1);
        EXPECT_TRUE(test::wait_until([&] { return logged("status: uptime "); }));
        wait_for_ticks();
        send(SIGUSR2);
        wait_for_ticks();
        send(SIGTERM);
    });
    EXPECT_EQ(outcome.status, 0);
    EXPECT_EQ(outcome.reason, "received SIGTERM");
    EXPECT_TRUE(logged("driver dummy, rate 48000 Hz, period 256 frames"));
}

INSTANTIATE_TEST_SUITE_P(, RunLoopTest, testing::ValuesIn(test::event_loop_implementations()),
                         test::implementation_name);

} // namespace

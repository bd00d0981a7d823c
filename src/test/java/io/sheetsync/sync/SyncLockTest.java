package io.sheetsync.sync;

import io.sheetsync.db.AdvisoryLock;
import io.sheetsync.support.MigratedDatabase;
import io.sheetsync.support.RowBlocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run learns when it asks for its lock back: two writers caught by the same restart both ask, and the lock is
 * retaken (and its recovery recorded) once.
 */
class SyncLockTest {

    @RegisterExtension
    static final MigratedDatabase DB = new MigratedDatabase();

    @Test
    void a_live_lock_session_is_still_held_and_nothing_is_taken() throws Exception {
        try (SyncLock.Held held = new SyncLock(DB.dataSource()).tryAcquire().orElseThrow()) {
            assertThat(held.retake()).isEqualTo(SyncLock.Retake.STILL_HELD);
            assertThat(RowBlocker.syncLockHolders(DB.database())).isEqualTo(1);
        }
    }

    @Test
    void of_two_writers_asking_at_once_after_the_session_died_one_retakes_the_lock() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try (SyncLock.Held held = new SyncLock(DB.dataSource()).tryAcquire().orElseThrow()) {
            RowBlocker.terminateSyncLockSession(DB.database());
            CyclicBarrier together = new CyclicBarrier(2);
            Future<SyncLock.Retake> first = writers.submit(() -> {
                together.await();
                return held.retake();
            });
            Future<SyncLock.Retake> second = writers.submit(() -> {
                together.await();
                return held.retake();
            });

            assertThat(List.of(first.get(), second.get()))
                    .containsExactlyInAnyOrder(SyncLock.Retake.RETAKEN, SyncLock.Retake.STILL_HELD);
            assertThat(RowBlocker.syncLockHolders(DB.database())).isEqualTo(1);
        } finally {
            writers.shutdownNow();
        }
        assertThat(RowBlocker.syncLockHolders(DB.database())).as("released on close").isZero();
    }

    @Test
    void a_lock_another_instance_took_meanwhile_is_left_to_it() throws Exception {
        try (SyncLock.Held held = new SyncLock(DB.dataSource()).tryAcquire().orElseThrow()) {
            RowBlocker.terminateSyncLockSession(DB.database());
            try (Connection other = DB.database().connect()) {
                assertThat(AdvisoryLock.tryTake(other, SyncLock.LOCK_KEY)).isTrue();

                assertThat(held.retake()).isEqualTo(SyncLock.Retake.TAKEN_BY_ANOTHER);
                assertThat(RowBlocker.syncLockHolders(DB.database())).as("only the other instance").isEqualTo(1);
                // released here, not by close(): a closed session's locks go when its server process has exited,
                // which can be after close() returns, and the next test would find the lock taken
                try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, SyncLock.LOCK_KEY);
                    unlock.execute();
                }
            }
        }
    }
}

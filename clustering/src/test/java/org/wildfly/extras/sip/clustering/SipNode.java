package org.wildfly.extras.sip.clustering;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.servlet.ServletContext;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletRequest;

import org.wildfly.extras.sip.container.address.Addresses;
import org.wildfly.extras.sip.container.address.Mode;
import org.wildfly.extras.sip.container.dialog.Dialogs;
import org.wildfly.extras.sip.container.dispatch.SerialExecutor;
import org.wildfly.extras.sip.container.transport.RawRequest;
import org.wildfly.extras.sip.container.session.SessionListeners;
import org.wildfly.extras.sip.container.session.SessionServices;
import org.wildfly.extras.sip.container.session.SipApplicationSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionImpl;
import org.wildfly.extras.sip.container.session.SipSessionManager;
import org.wildfly.extras.sip.container.session.TimerData;
import org.wildfly.extras.sip.container.syntax.SipGrammar;
import org.wildfly.extras.sip.container.syntax.SyntaxException;

/**
 * One deployment on one cluster member: the container's session manager over an {@link InfinispanSipSessionStore},
 * with services that record what the container would send (in-dialog requests) and fire (timers).
 */
final class SipNode implements SessionServices, AutoCloseable {

    final String name;
    final SessionListeners listeners = new SessionListeners();
    final InfinispanSipSessionStore store;
    final SipSessionManager manager;
    final List<String> firedTimers = Collections.synchronizedList(new ArrayList<>());
    volatile RawRequest lastRequest;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SerialExecutor executor = new SerialExecutor(this.workers);

    SipNode(String name, ClusterNode member, SessionGranularity granularity, SessionMarshaller marshaller) {
        this.name = name;
        this.store = new InfinispanSipSessionStore(new InfinispanSipSessionStore.Configuration() {
            @Override
            public org.infinispan.Cache<String, java.util.Map<String, Object>> cache() {
                return member.cache();
            }

            @Override
            public String applicationName() {
                return "app";
            }

            @Override
            public SessionGranularity granularity() {
                return granularity;
            }

            @Override
            public org.wildfly.clustering.marshalling.ByteBufferMarshaller marshaller() {
                return marshaller.create(SipNode.class.getClassLoader());
            }
        });
        this.manager = new SipSessionManager("app", this.store, this, this.scheduler, this.executor, Clock.systemUTC(), 3);
    }

    /**
     * Runs work as a message would: under the session's key, in one unit of work.
     * @param id the application session id
     * @param work what the message does
     * @return its result
     */
    <T> T call(String id, Function<SipSessionManager, T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        this.executor.execute(id, () -> {
            try {
                result.complete(work.apply(this.manager));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            T value = result.get(20, TimeUnit.SECONDS);
            // the unit of work ends right after the task: wait for it with a no-op on the same key
            CompletableFuture<Void> after = new CompletableFuture<>();
            this.executor.execute(id, () -> after.complete(null));
            after.get(20, TimeUnit.SECONDS);
            return value;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    /**
     * Creates an application session in a message, as the test fills it, keeps it after the message (with no call in
     * it, it would be ready to invalidate) and writes it.
     */
    void createKept(String id, Consumer<SipApplicationSessionImpl> fill) throws Exception {
        this.call(id, manager -> {
            SipApplicationSessionImpl session = manager.create(id);
            session.setInvalidateWhenReady(false);
            fill.accept(session);
            manager.commit(session);
            return null;
        });
    }

    @Override
    public ServletContext servletContext() {
        return null;
    }

    @Override
    public SessionListeners listeners() {
        return this.listeners;
    }

    @Override
    public Address readOnlyAddress(String address) {
        try {
            return Addresses.of(SipGrammar.parseAddress(address), Mode.READ_ONLY);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public SipServletRequest createRequest(SipSessionImpl session, String method) {
        try {
            this.lastRequest = Dialogs.request(session.data().dialog(), method, 0);
        } catch (SyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null; // the test reads lastRequest
    }

    @Override
    public void checkHandler(String name) {
    }

    @Override
    public Collection<ServletTimer> timers(SipApplicationSessionImpl session) {
        return List.of();
    }

    @Override
    public void fireTimer(SipApplicationSessionImpl session, String timerId) {
        TimerData timer = session.data().timers().get(timerId);
        this.firedTimers.add(timerId + ":" + timer.info());
        if (timer.period() == 0) {
            session.data().timers().remove(timerId);
        } else {
            session.data().timers().put(timerId, new TimerData(timerId, timer.info(), timer.nextExecution() + timer.period(), timer.period(), timer.fixedDelay()));
        }
    }

    @Override
    public void close() {
        this.manager.close();
        this.store.close();
        this.scheduler.shutdownNow();
        this.workers.shutdownNow();
    }
}

package org.wildfly.extras.sip.test;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.jboss.dmr.ModelNode;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol: one tab that loads a page and keeps running it (its
 * scripts refresh what it shows), read by evaluating JavaScript in it and by screenshots.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket tab;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<ModelNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket tab) {
        this.process = process;
        this.profile = profile;
        this.tab = tab;
    }

    /** @return whether Debian's {@code chromium} package is installed */
    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/chromium"));
    }

    /**
     * Starts Chromium with a blank tab of that size.
     * @param width the window's width, in CSS pixels
     * @param height its height
     */
    static HeadlessChromium start(int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).start();
        String browserUrl = awaitDevTools(process);
        URI browser = URI.create(browserUrl);
        HttpClient client = HttpClient.newHttpClient();
        // the tab Chromium opened with about:blank, from the DevTools HTTP endpoint of the same port
        String tabs = client.send(HttpRequest.newBuilder(URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String tabUrl = null;
        for (ModelNode target : ModelNode.fromJSONString(tabs).asList()) {
            if (target.get("type").asString().equals("page")) {
                tabUrl = target.get("webSocketDebuggerUrl").asString();
                break;
            }
        }
        if (tabUrl == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium opened no tab: " + tabs);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(tabUrl), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                this.message.append(data);
                if (last) {
                    self[0].answer(this.message.toString());
                    this.message.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(process, profile, socket);
        return self[0];
    }

    private static String awaitDevTools(Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            seen.append(line).append('\n');
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(rest -> { }), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new IllegalStateException("Chromium ended without opening its DevTools port:\n" + seen);
    }

    private void answer(String text) {
        ModelNode message = ModelNode.fromJSONString(text);
        if (message.hasDefined("id")) {
            CompletableFuture<ModelNode> waiting = this.pending.remove(message.get("id").asInt());
            if (waiting != null) {
                waiting.complete(message);
            }
        }
        // events (no id) are not asked for and not needed
    }

    private ModelNode call(String method, ModelNode params) throws Exception {
        int id = this.ids.incrementAndGet();
        ModelNode command = new ModelNode();
        command.get("id").set(id);
        command.get("method").set(method);
        command.get("params").set(params);
        CompletableFuture<ModelNode> answer = new CompletableFuture<>();
        this.pending.put(id, answer);
        this.tab.sendText(command.toJSONString(true), true).get(10, TimeUnit.SECONDS);
        ModelNode response = answer.get(30, TimeUnit.SECONDS);
        if (response.hasDefined("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.get("result");
    }

    /** Loads a page in the tab. */
    void open(String url) throws Exception {
        ModelNode params = new ModelNode();
        params.get("url").set(url);
        this.call("Page.navigate", params);
    }

    /** @return what a JavaScript expression gives in the page, as a string (a JSON text for an object) */
    String evaluate(String expression) throws Exception {
        ModelNode params = new ModelNode();
        params.get("expression").set("(() => { const value = (" + expression + "); return typeof value === 'string' ? value : JSON.stringify(value); })()");
        params.get("returnByValue").set(true);
        ModelNode result = this.call("Runtime.evaluate", params);
        if (result.hasDefined("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw: " + result.get("exceptionDetails"));
        }
        ModelNode value = result.get("result", "value");
        return value.isDefined() ? value.asString() : null;
    }

    /**
     * Waits until a JavaScript expression is true in the page.
     * @return whether it became true in time
     */
    boolean await(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if ("true".equals(this.evaluate("Boolean(" + condition + ")"))) {
                return true;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** @return what the tab shows, as a PNG screenshot written to that file too */
    BufferedImage screenshot(Path file) throws Exception {
        ModelNode params = new ModelNode();
        params.get("format").set("png");
        byte[] png = Base64.getDecoder().decode(this.call("Page.captureScreenshot", params).get("data").asString());
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Override
    public void close() throws Exception {
        this.tab.abort();
        this.process.destroy();
        if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
        try (var files = Files.walk(this.profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

package dev.pharos.ui;

import dev.pharos.devstack.Infrastructure;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.SharedDevstack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's overview at 5,000 monitors, in headless Chromium: monitors with 90 days of daily and 24 hours of
 * hourly rollups are written straight into the database (checking them is not what is measured), then the overview
 * is loaded several times and the times from navigation to the first screenful of the table laid out
 * ({@code pharos:overview-rendered}) and painted ({@code pharos:overview-painted}) are read through Selenium; after
 * each load the whole list is shown to be there by scrolling to its end and by the filter. Not a test (its name does
 * not end in Test): run by {@code bench/dashboard-bench.sh}, which writes the "Dashboard at 5,000 monitors" section of
 * bench/RESULTS.md.
 */
class DashboardRenderBench {

    static final String SECTION = "## Dashboard at 5,000 monitors";
    private static final int MONITORS = Integer.getInteger("pharos.bench.monitors", 5_000);
    private static final int LOADS = Integer.getInteger("pharos.bench.loads", 9);

    @Test
    void overviewRenderTime() throws Exception {
        ChromeDriver driver = Browser.start(Path.of("target", "chromium-bench-" + ProcessHandle.current().pid()));
        Infrastructure devstack = SharedDevstack.get();
        try (PharosStack pharos = PharosStack.start(devstack, new PharosStack.Options(ProjectRoot.path(),
                Path.of("target", "bench-stack").toAbsolutePath(), Ports.free(), "127.0.0.1", Ports.free(),
                DashboardBrowserTest.ADMIN_KEY, Map.of()))) {
            String loadAverageBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            Seed seeded = seed(devstack.serviceEnvironment());
            String base = pharos.apiUrl();

            // The API as a browser calls it (gzip), the first call cold, right after the data was written.
            List<Long> apiMs = new ArrayList<>();
            long gzipped = 0;
            HttpClient http = HttpClient.newHttpClient();
            // CPU time is what a busy machine does not inflate the way it inflates elapsed time.
            ProcessHandle scheduler = ProcessHandle.of(pharos.service("scheduler-service").pid()).orElseThrow();
            Duration cpuBefore = Duration.ZERO;
            for (int i = 0; i <= LOADS; i++) {
                if (i == 1) {
                    cpuBefore = scheduler.info().totalCpuDuration().orElseThrow();
                }
                long start = System.nanoTime();
                var response = http.send(overviewRequest(base).header("Accept-Encoding", "gzip").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                apiMs.add((System.nanoTime() - start) / 1_000_000);
                gzipped = response.body().length;
                if (!"gzip".equals(response.headers().firstValue("Content-Encoding").orElse(""))) {
                    throw new AssertionError("the overview was not gzipped: " + response.headers());
                }
            }
            long cpuPerCall = scheduler.info().totalCpuDuration().orElseThrow().minus(cpuBefore).toMillis() / LOADS;
            long bytes = http.send(overviewRequest(base).build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body().length;

            driver.get(base + "/");
            driver.executeScript("sessionStorage.setItem('pharos.key', arguments[0])",
                    DashboardBrowserTest.ADMIN_KEY);
            List<Long> rendered = new ArrayList<>();
            List<Long> painted = new ArrayList<>();
            List<Long> scrolled = new ArrayList<>();
            List<Long> filtered = new ArrayList<>();
            long coldPaint = 0;
            for (int i = 0; i <= LOADS; i++) {
                driver.navigate().refresh();
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return performance.getEntriesByName('pharos:overview-painted').length > 0")));
                long r = ((Number) driver.executeScript(
                        "return performance.getEntriesByName('pharos:overview-rendered')[0].startTime")).longValue();
                long p = ((Number) driver.executeScript(
                        "return performance.getEntriesByName('pharos:overview-painted')[0].startTime")).longValue();
                long s = whole(driver, "scroll");
                long f = whole(driver, "filter");
                if (i == 0) { // the first load warms the server's and the browser's caches
                    coldPaint = p;
                } else {
                    rendered.add(r);
                    painted.add(p);
                    scrolled.add(s);
                    filtered.add(f);
                }
            }
            Browser.screenshot(driver, "bench-overview-" + MONITORS);
            // Every seeded monitor has 90 days of history: a row without its 30-day uptime is a broken overview.
            String uptime30d = (String) driver.executeScript(
                    "return document.querySelector('#rows tr[data-id]').cells[3].textContent");
            if (!uptime30d.endsWith("%")) {
                throw new AssertionError("the overview shows no 30-day uptime: " + uptime30d);
            }
            String section = report(seeded, bytes, gzipped, apiMs, cpuPerCall, coldPaint, rendered, painted, scrolled, filtered,
                    loadAverageBefore, driver.getCapabilities().getBrowserVersion());
            System.out.println(section);
            String results = System.getProperty("pharos.bench.results");
            if (results != null) {
                Path file = Path.of(results);
                Files.writeString(file, replaceSection(Files.readString(file), SECTION, section));
            }
        } finally {
            driver.quit();
        }
    }

    private static HttpRequest.Builder overviewRequest(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/dashboard/overview"))
                .header("Authorization", "Bearer " + DashboardBrowserTest.ADMIN_KEY);
    }

    /**
     * Shows that the whole list is there, not just the rows in view, and how long that takes (ms, in the page):
     * {@code scroll} scrolls to the end and waits for the frame that draws the last row; {@code filter} types a
     * monitor's name into the filter and waits for the frame that shows it as the only match.
     */
    private static long whole(ChromeDriver driver, String how) {
        List<?> answer = (List<?>) driver.executeAsyncScript("""
                const [how, monitors, done] = arguments;
                const start = performance.now();
                const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
                if (how === 'scroll') {
                  window.scrollTo(0, document.documentElement.scrollHeight);
                } else {
                  window.scrollTo(0, 0);
                  const filter = document.getElementById('filter');
                  filter.value = 'Site ' + (monitors - 7);
                  filter.dispatchEvent(new Event('input'));
                }
                frame().then(frame).then(() => {
                  const took = performance.now() - start;
                  const drawn = [...document.querySelectorAll('#rows tr[data-id]')];
                  const found = how === 'scroll'
                      ? drawn.map((tr) => Number(tr.getAttribute('aria-rowindex')))
                          .includes(monitors + 1) && drawn.length
                      : drawn.length === 1 && drawn[0].cells[1].querySelector('a').textContent;
                  const filter = document.getElementById('filter');
                  filter.value = '';
                  filter.dispatchEvent(new Event('input'));
                  window.scrollTo(0, 0);
                  done([took, String(found)]);
                });""", how, MONITORS);
        String found = (String) answer.get(1);
        boolean ok = how.equals("scroll") ? !"false".equals(found) : ("Site " + (MONITORS - 7)).equals(found);
        if (!ok) {
            throw new AssertionError("the overview did not show the whole list by " + how + ": " + found);
        }
        return Math.round(((Number) answer.get(0)).doubleValue());
    }

    /** What the seeding wrote: rollup rows, and how long building the summaries from them took. */
    private record Seed(long rollups, long summaryMs) {
    }

    /** Writes the monitors and their history. */
    private static Seed seed(Map<String, String> env) throws SQLException {
        try (var db = DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                env.get("QUARKUS_DATASOURCE_USERNAME"), env.get("QUARKUS_DATASOURCE_PASSWORD"));
             var sql = db.createStatement()) {
            // Due in a day and already published: the planner and the notifier leave them alone during the run.
            sql.execute("""
                    INSERT INTO scheduler.monitor (id, name, url, method, interval_seconds, timeout_seconds,
                        contact_email, next_due_at, created_at, updated_at, spec_version, published_version,
                        last_checked_at, last_outcome, last_http_status, last_error_kind, last_duration_ms, owner_id)
                    SELECT gen_random_uuid(), 'Site ' || g, 'https://site-' || g || '.example.com/', 'HEAD', 60, 10,
                        'ops@example.com', now() + interval '1 day', now() - g * interval '1 second', now(), 1, 1,
                        now() - interval '30 seconds', CASE WHEN g % 50 = 0 THEN 'DOWN' ELSE 'UP' END,
                        CASE WHEN g % 50 = 0 THEN 503 ELSE 200 END,
                        CASE WHEN g % 50 = 0 THEN 'UNEXPECTED_STATUS' END, 80 + g % 400,
                        (SELECT id FROM scheduler.owner WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1)
                    FROM generate_series(1, {monitors}) g""".replace("{monitors}", Integer.toString(MONITORS)));
            int days = sql.executeUpdate("""
                    INSERT INTO scheduler.result_rollup (monitor_id, resolution, bucket_start, checks, up, answered,
                        duration_sum_ms, latency_buckets)
                    SELECT m.id, 'd', date_trunc('day', now(), 'UTC') - d * interval '1 day', 1440,
                        1440 - CASE WHEN abs(hashtext(m.id::text) + d) % 23 = 0 THEN 40 ELSE 0 END, 1440,
                        1440 * (80 + abs(hashtext(m.id::text)) % 400), array_fill(0, ARRAY[15])
                    FROM scheduler.monitor m, generate_series(0, 89) d WHERE m.name LIKE 'Site %'""");
            int hours = sql.executeUpdate("""
                    INSERT INTO scheduler.result_rollup (monitor_id, resolution, bucket_start, checks, up, answered,
                        duration_sum_ms, latency_buckets)
                    SELECT m.id, 'h', date_trunc('hour', now()) - h * interval '1 hour', 60, 60, 60,
                        60 * (80 + abs(hashtext(m.id::text) + h * 7) % 400), array_fill(0, ARRAY[15])
                    FROM scheduler.monitor m, generate_series(0, 23) h WHERE m.name LIKE 'Site %'""");
            // As a migration's backfill would: the summaries the overview reads, from the rollups just written.
            long start = System.nanoTime();
            sql.execute("SELECT scheduler.rebuild_monitor_summaries()");
            long summaryMs = (System.nanoTime() - start) / 1_000_000;
            sql.execute("ANALYZE scheduler.monitor");
            sql.execute("ANALYZE scheduler.result_rollup");
            sql.execute("ANALYZE scheduler.monitor_summary");
            return new Seed((long) days + hours, summaryMs);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String report(Seed seed, long bytes, long gzipped, List<Long> apiMs, long cpuPerCall,
                                 long coldPaint,
                                 List<Long> rendered, List<Long> painted, List<Long> scrolled, List<Long> filtered,
                                 String loadBefore, String chromium) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        long median = median(painted);
        List<Long> warmApi = apiMs.subList(1, apiMs.size());
        return SECTION + "\n\n"
                + "Run finished " + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss 'UTC'")
                .format(Instant.now().atOffset(ZoneOffset.UTC)) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores (" + cpu + "), Chromium " + chromium + " headless, OpenJDK "
                + System.getProperty("java.vm.version") + "; load average before: " + loadBefore.substring(0,
                loadBefore.lastIndexOf(' ', loadBefore.lastIndexOf(' ') - 1)) + ", after: "
                + loadAfter.substring(0, loadAfter.lastIndexOf(' ', loadAfter.lastIndexOf(' ') - 1)) + ".\n\n"
                + "Command: `bench/dashboard-bench.sh`\n\n"
                + String.format("%,d monitors (every 50th DOWN) with %,d rollup rows (90 daily and 24 hourly each), "
                + "written into the embedded PostgreSQL, then their summaries built from the rollups as the V7 "
                + "migration's backfill does (`rebuild_monitor_summaries()`, %,d ms); the three services as processes "
                + "(`./pharos up`'s launcher); the admin's key in the dashboard. Each load is a reload of `/`: the "
                + "page, its modules, one `GET /api/v1/dashboard/overview` (%,d bytes, %,d gzipped), and the table "
                + "of %,d monitors, of which only the rows in view and up to %d either side are drawn (a sparkline and 90 "
                + "bars each). After each load the bench scrolls to the end and waits for the last row, and types a "
                + "monitor's name into the filter and waits for it to be the only row (times from the action). "
                + "Times are from navigation start; %d loads after one warm-up, median (min–max).%n%n",
                MONITORS, seed.rollups(), seed.summaryMs(), bytes, gzipped, MONITORS, 40, rendered.size())
                + "| measure | value | target | met |\n| --- | --- | --- | --- |\n"
                + String.format("| first screenful laid out (`pharos:overview-rendered`); every monitor reachable |"
                + " %s |  |  |%n", spread(rendered))
                + String.format("| first screenful painted (`pharos:overview-painted`) | **%d ms** (%d–%d) | < 1 s | %s |%n",
                median, painted.stream().min(Long::compare).orElseThrow(),
                painted.stream().max(Long::compare).orElseThrow(), median < 1_000 ? "yes" : "no")
                + String.format("| first screenful painted, warm-up (first) load | %d ms |  |  |%n", coldPaint)
                + String.format("| scrolled to the end: last row drawn | %s |  |  |%n", spread(scrolled))
                + String.format("| filter typed: the one match drawn | %s |  |  |%n", spread(filtered))
                + String.format("| `GET /api/v1/dashboard/overview` alone, from the bench JVM, gzip | %s; first (cold) "
                + "call %d ms |  |  |%n", spread(warmApi), apiMs.get(0))
                + String.format("| the scheduler's CPU time per warm overview call (all its threads, its background work included) | %d ms |  |  |%n",
                cpuPerCall)
                + "\n";
    }

    private static String spread(List<Long> values) {
        return String.format("%d ms (%d–%d)", median(values), values.stream().min(Long::compare).orElseThrow(),
                values.stream().max(Long::compare).orElseThrow());
    }

    /** Replaces the section from {@code heading} to the next {@code ## } heading, or appends it. */
    static String replaceSection(String document, String heading, String section) {
        int start = document.indexOf(heading + "\n");
        if (start < 0) {
            return document.stripTrailing() + "\n\n" + section;
        }
        int end = document.indexOf("\n## ", start + heading.length());
        return document.substring(0, start) + section + (end < 0 ? "" : document.substring(end + 1));
    }
}

package dev.pharos.ui;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeDriver;

/** A basic accessibility check of the page in the browser: names of controls and graphics, and colour contrast. */
final class Accessibility {

    private Accessibility() {
    }

    /** What on the current page has no accessible name: form controls, images, graphics, links and buttons. */
    @SuppressWarnings("unchecked")
    static List<String> unnamed(ChromeDriver driver) {
        return (List<String>) driver.executeScript("""
                const problems = [];
                const show = (el) => el.outerHTML.slice(0, 100);
                for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                  const label = [...(el.labels || [])].map((l) => l.textContent.trim()).join('');
                  if (!label && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) {
                    problems.push('control without a label: ' + show(el));
                  }
                }
                for (const el of document.querySelectorAll('img')) {
                  if (!el.hasAttribute('alt')) problems.push('image without alt: ' + show(el));
                }
                for (const el of document.querySelectorAll('svg')) {
                  if (el.closest('[aria-hidden=true]')) continue;
                  if (el.getAttribute('role') !== 'img' || !(el.getAttribute('aria-label') || '').trim()) {
                    problems.push('graphic without a text alternative: ' + show(el));
                  }
                }
                for (const el of document.querySelectorAll('a[href], button')) {
                  if (!el.textContent.trim() && !el.getAttribute('aria-label')) {
                    problems.push('link or button without a name: ' + show(el));
                  }
                }
                if (!document.documentElement.lang) problems.push('no lang on <html>');
                if (!document.querySelector('h1')) problems.push('no h1');
                return problems;""");
    }

    /**
     * The colours the stylesheet gives each status (text and background of its label) and the uptime bars, as
     * computed by the browser: name to {foreground, background}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> statusColours(ChromeDriver driver) {
        return (Map<String, List<String>>) driver.executeScript("""
                const out = {};
                const page = getComputedStyle(document.body).backgroundColor;
                const box = document.createElement('div');
                document.body.append(box);
                for (const s of ['UP', 'DOWN', 'UNKNOWN', 'PAUSED']) {
                  box.innerHTML = `<span class="status s-${s}">${s}</span>`;
                  const st = getComputedStyle(box.firstChild);
                  out['status ' + s] = [st.color, st.backgroundColor];
                }
                for (const c of ['up', 'degraded', 'down', 'none']) {
                  box.innerHTML = `<svg class="bars"><path class="${c}" d="M0 0h1v1z"/></svg>`;
                  out['bar ' + c] = [getComputedStyle(box.querySelector('path')).fill, page];
                }
                box.innerHTML = '<p class="muted">m</p><a href="#">l</a>';
                out['muted text'] = [getComputedStyle(box.firstChild).color, page];
                out['link'] = [getComputedStyle(box.lastChild).color, page];
                box.remove();
                return out;""");
    }

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)");

    /** The WCAG 2 contrast ratio of two CSS colours in {@code rgb(r, g, b)} form. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String colour) {
        Matcher m = RGB.matcher(colour);
        if (!m.find()) {
            throw new IllegalArgumentException("not an rgb() colour: " + colour);
        }
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}

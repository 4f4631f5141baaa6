package io.dynamo.shop;

import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain-text view of the HttpSession for tests and demonstrations (off unless
 * {@code web-shop.session-api=true}): set, list and remove string attributes, log in as a
 * principal, find a principal's sessions, set the max inactive interval, invalidate. Every call answers the session's attributes.
 */
@RestController
@ConditionalOnProperty(name = "web-shop.session-api", havingValue = "true")
class SessionApi {
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionApi(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/session")
    String show(HttpSession session) {
        return describe(session);
    }

    @PutMapping("/api/session/{name}")
    String set(HttpSession session, @PathVariable("name") String name, @RequestParam("value") String value) {
        session.setAttribute(name, value);
        return describe(session);
    }

    @DeleteMapping("/api/session/{name}")
    String remove(HttpSession session, @PathVariable("name") String name) {
        session.removeAttribute(name);
        return describe(session);
    }

    @PutMapping("/api/session-timeout")
    String timeout(HttpSession session, @RequestParam("seconds") int seconds) {
        session.setMaxInactiveInterval(seconds);
        return describe(session);
    }

    @PostMapping("/api/login")
    String login(HttpSession session, @RequestParam("user") String user) {
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user);
        return describe(session);
    }

    @PostMapping("/api/logout")
    String logout(HttpSession session) {
        session.invalidate();
        return "";
    }

    @GetMapping("/api/principal/{user}")
    String sessionsOf(@PathVariable("user") String user) {
        return String.join("\n", new TreeMap<>(sessions.findByPrincipalName(user)).keySet());
    }

    /** {@code id=<session id>} then {@code name=value} per attribute, in name order. */
    private static String describe(HttpSession session) {
        Map<String, String> attributes = new TreeMap<>();
        for (String name : Collections.list(session.getAttributeNames())) {
            attributes.put(name, String.valueOf(session.getAttribute(name)));
        }
        StringBuilder out = new StringBuilder("id=").append(session.getId()).append('\n');
        attributes.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        return out.toString();
    }
}

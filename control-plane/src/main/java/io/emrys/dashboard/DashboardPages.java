package io.emrys.dashboard;

import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;

import java.util.List;

/** The small HTML pages Emrys answers itself when there is no Spark UI to show, and its redirects. */
final class DashboardPages
{
    /** Seconds after which a browser reloads a page whose UI may appear soon. */
    static final int RELOAD_SECONDS = 3;

    private DashboardPages() {}

    static HttpResponse notFound(String message)
    {
        return page(HttpStatus.NOT_FOUND, "Spark UI not found", message, false);
    }

    /** 503; with {@code reload}, a {@code Refresh} header makes the browser try again. */
    static HttpResponse unavailable(String message, boolean reload)
    {
        return page(HttpStatus.SERVICE_UNAVAILABLE, "Spark UI unavailable", message, reload);
    }

    /** 403: the request is refused for what it is, not for who sent it. */
    static HttpResponse forbidden(String message)
    {
        return page(HttpStatus.FORBIDDEN, "Not allowed", message, false);
    }

    /** 421: a request whose Host is not this server's, as a DNS-rebinding page would send it. */
    static HttpResponse misdirected(String message)
    {
        return page(HttpStatus.MISDIRECTED_REQUEST, "Not this server", message, false);
    }

    static HttpResponse redirect(String location)
    {
        return redirect(location, List.of());
    }

    /** 302 to {@code location}, setting {@code cookies} on the way. */
    static HttpResponse redirect(String location, List<Cookie> cookies)
    {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.FOUND)
                .set(HttpHeaderNames.LOCATION, location)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        cookies.forEach(cookie -> headers.add(HttpHeaderNames.SET_COOKIE, cookie.toSetCookieHeader()));
        return HttpResponse.of(headers.build());
    }

    private static HttpResponse page(HttpStatus status, String title, String message, boolean reload)
    {
        String html = """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>%s - Emrys</title></head>
                <body><h1>%s</h1><p>%s</p></body></html>
                """.formatted(escape(title), escape(title), escape(message));
        ResponseHeadersBuilder headers = ResponseHeaders.builder(status)
                .contentType(MediaType.HTML_UTF_8)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (reload) {
            headers.set(HttpHeaderNames.REFRESH, Integer.toString(RELOAD_SECONDS));
        }
        return HttpResponse.of(headers.build(), HttpData.ofUtf8(html));
    }

    static String escape(String text)
    {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

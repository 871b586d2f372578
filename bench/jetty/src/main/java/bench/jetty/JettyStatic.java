package bench.jetty;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.RequestLogWriter;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 serving one directory with its {@link ResourceHandler} on 127.0.0.1, with an NCSA access
 * log (Apache's common format) written to a file: the Java server bench/run compares jhttpd with.
 *
 * <pre>
 *   java -jar jetty-bench.jar PORT DOCROOT ACCESS_LOG [IDLE_TIMEOUT_MS [MAX_THREADS]]
 * </pre>
 *
 * IDLE_TIMEOUT_MS is the connector's idle timeout, Jetty's keep-alive timeout (default 5000, as
 * Apache's KeepAliveTimeout 5). MAX_THREADS sizes the QueuedThreadPool (default 200, Jetty's own).
 * Jetty has no limit of requests per connection (nginx keepalive_requests, Apache
 * MaxKeepAliveRequests). ResourceHandler maps files into memory (its "file mapping"), the nearest a
 * Java server gets to sendfile; it also caches small files' contents.
 */
public final class JettyStatic {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: JettyStatic PORT DOCROOT ACCESS_LOG [IDLE_TIMEOUT_MS [MAX_THREADS]]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        String accessLog = args[2];
        long idleTimeout = args.length > 3 ? Long.parseLong(args[3]) : 5000;
        int maxThreads = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a directory: " + root);
        }

        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName("jetty");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(true);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout);
        connector.setAcceptQueueSize(511); // nginx's and Apache's listen backlog
        server.addConnector(connector);

        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(files).newResource(root));
        files.setDirAllowed(false);
        files.setUseFileMapping(true);
        server.setHandler(files);

        server.setRequestLog(new CustomRequestLog(new RequestLogWriter(accessLog), CustomRequestLog.NCSA_FORMAT));
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("jetty " + Server.getVersion() + " serving " + root + " on 127.0.0.1:" + connector.getLocalPort());
        server.join();
    }
}

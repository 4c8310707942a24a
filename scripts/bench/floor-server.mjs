// The bench's floor: a bare node:http server that answers every request with one fixed JSON body (the
// mail API's real answer, passed in a file), with no routing, no database and no token check. Whatever
// the mail API costs above this is ours; this is what Node and HTTP on this machine cost.
import { readFileSync } from "node:fs";
import http from "node:http";

const [bodyFile, port] = process.argv.slice(2);
const body = readFileSync(bodyFile ?? "");
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": body.length, "cache-control": "no-store" });
  response.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));

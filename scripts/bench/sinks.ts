// The fan-out benchmark's receivers, in their own process (as a mail server and a
// webhook endpoint would be on other machines): a real SMTP server and a real HTTP
// receiver. Reports their addresses, then delivery counts on request, over IPC.
import { startHttpReceiver } from "../../tests/support/http-receiver";
import { startSmtpServer } from "../../tests/support/smtp";

let mails = 0;
let hooks = 0;
let lastAt = 0;
const smtp = await startSmtpServer(0, () => {
  mails++;
  lastAt = Date.now();
});
const receiver = await startHttpReceiver(() => {
  hooks++;
  lastAt = Date.now();
  return 200;
});
receiver.received.length = 0;
// Keep memory flat: the receiver's log is not needed here.
setInterval(() => (receiver.received.length = 0), 1000).unref();
process.send!({ smtpPort: smtp.port, hookUrl: receiver.url("/hook") });
process.on("message", (message: string) => {
  if (message === "count") process.send!({ mails, hooks, lastAt });
  if (message === "reset") mails = hooks = 0;
  if (message === "stop") void Promise.all([smtp.close(), receiver.close()]).then(() => process.exit(0));
});

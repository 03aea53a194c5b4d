// Registers the service worker (/sw.js) that keeps "Get help now" and the app's look
// available when the local server does not answer. It keeps no journal content: see sw.js.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) { return; }
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" })
      .catch(function () {
        // Offline the update check fails; without a worker the app still works, only not
        // offline. Neither is something to interrupt the person with.
      });
  });
})();

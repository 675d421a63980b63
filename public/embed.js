/*!
 * Robocall Atlas embed resizer: optional, for pages that embed a Robocall Atlas chart.
 *
 *   <iframe src="https://<this site>/embed/?chart=trend&state=OH" title="…" width="100%" height="500"
 *     loading="lazy" style="width:100%;min-width:100%;border:0" data-robocall-atlas-embed></iframe>
 *   <script async src="https://<this site>/embed.js"></script>
 *
 * Without this script the iframe keeps the height in its snippet. With it, each Robocall Atlas
 * iframe on the page takes the height of its content, on load and whenever the content changes.
 *
 * The protocol (src/lib/embed/snippet.ts is the reference; the explorer page shows it too):
 *
 *   embed page → host page   window.parent.postMessage({ type: 'robocall-atlas:resize', height: <px> }, <host origin or '*'>)
 *
 *   The embed page posts only that message, only to its parent, and listens to no messages.
 *   This script accepts a message only when
 *     - event.origin is the origin this script was loaded from (the Robocall Atlas site),
 *     - event.source is the contentWindow of an <iframe> on this page whose src is an /embed/
 *       page of that same origin,
 *     - event.data.type is 'robocall-atlas:resize' and event.data.height a finite number of CSS
 *       pixels between 80 and 5000;
 *   and then sets that iframe's height. Anything else is ignored. The script reads nothing from
 *   the host page but its iframes, and sends nothing.
 *
 * Loading it more than once (one snippet per chart) is fine: it installs one listener per origin.
 */
(function () {
  'use strict';
  var TYPE = 'robocall-atlas:resize';
  var MIN_HEIGHT = 80;
  var MAX_HEIGHT = 5000;

  var script = document.currentScript;
  if (!script || !script.src || typeof URL !== 'function') return;
  var origin;
  try {
    origin = new URL(script.src, location.href).origin;
  } catch (e) {
    return;
  }
  if (!origin || origin === 'null') return;

  var installed = (window.__robocallAtlasEmbed = window.__robocallAtlasEmbed || {});
  if (installed[origin]) return;
  installed[origin] = true;

  function isOurFrame(frame) {
    try {
      var url = new URL(frame.getAttribute('src') || '', location.href);
      return url.origin === origin && url.pathname.indexOf('/embed/') === 0;
    } catch (e) {
      return false;
    }
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== TYPE) return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height < MIN_HEIGHT || height > MAX_HEIGHT) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow === event.source && isOurFrame(frame)) {
        var px = Math.ceil(height);
        frame.style.height = px + 'px';
        frame.setAttribute('height', String(px));
        return;
      }
    }
  });
})();

/* Keeps a console page current without reloading: polls the page's `data-live` address
 * (counts and a fingerprint, no personal data), and when the fingerprint changes fetches
 * the page again and swaps the parts marked `data-live-part`. The reply box is never
 * swapped, so a half-written answer stays. Optional beep for new handoffs and messages. */
(function () {
  "use strict";
  var body = document.body, live = body.dataset.live;
  var baseTitle = document.title, version = null, alertMark = null, busy = false;
  var SOUND = "rugwijzer.console.sound";
  var interval = Number(body.dataset.interval) || 5000;

  var toggle = document.querySelector(".sound-toggle");
  function soundOn() { try { return localStorage.getItem(SOUND) === "1"; } catch (e) { return false; } }
  if (toggle) {
    toggle.hidden = false;
    var show = function () {
      toggle.setAttribute("aria-pressed", soundOn() ? "true" : "false");
      toggle.textContent = soundOn() ? "Geluid aan" : "Geluid uit";
    };
    show();
    toggle.addEventListener("click", function () {
      try { localStorage.setItem(SOUND, soundOn() ? "0" : "1"); } catch (e) { /* stays off */ }
      show();
      if (soundOn()) beep();
    });
  }

  var audio = null;
  function beep() {
    if (!soundOn()) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      tone.connect(gain); gain.connect(audio.destination);
      tone.start(); tone.stop(audio.currentTime + 0.4);
    } catch (e) { /* no sound on this device */ }
  }

  function announce(text) {
    var region = document.getElementById("live-announce");
    if (region) region.textContent = text;
  }

  function refresh(message) {
    return fetch(location.href, { credentials: "same-origin" }).then(function (reply) {
      if (!reply.ok) return;
      return reply.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-part]").forEach(function (part) {
          var next = fresh.getElementById(part.id);
          if (next) part.innerHTML = next.innerHTML;
        });
        if (message) announce(message);
      });
    });
  }

  function poll() {
    if (busy || !live) return;
    busy = true;
    fetch(live, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (state) {
        if (!state) return;
        document.title = (state.count ? "(" + state.count + ") " : "") + baseTitle;
        var changed = version !== null && state.version !== version;
        var news = alertMark !== null && state.alert > alertMark;
        version = state.version; alertMark = state.alert;
        if (news) beep();
        if (changed) return refresh(news ? state.news : "");
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { busy = false; });
  }

  if (live) { poll(); setInterval(poll, interval); }
})();

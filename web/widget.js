/* Rugwijzer chat widget: embed with
 *   <script src="https://assistent.example.nl/web/widget.js" data-server="https://assistent.example.nl" defer></script>
 * Optional, before that tag: window.RugwijzerConfig = {server, title, primaryColor, practiceName, open}.
 * Talks to bot.channels.socketio.SecureSocketIOInput. No framework, no build step.
 * Bot and user text is only ever set with textContent: a message can never inject markup. */
(function () {
  "use strict";
  if (window.__rugwijzerWidget) return;
  window.__rugwijzerWidget = true;

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var cfg = window.RugwijzerConfig || {};
  var server = (cfg.server || data.server || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  var title = cfg.title || data.title || "Chatassistent";
  var practice = cfg.practiceName || data.practiceName || "Praktijk De Rugwijzer";
  var color = cfg.primaryColor || data.primaryColor;
  var STORE = "rugwijzer.session:" + server;
  var OPEN = "rugwijzer.open";
  var socket = null, ready = false, historyDone = false, queue = [], typingTimer = null, withTherapist = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  function srOnly(text) { return el("span", "rw-sr", text); }
  // Storage can be blocked (private mode, strict settings); the chat must still work.
  function load(store, key) { try { return JSON.parse(store.getItem(key)); } catch (e) { return null; } }
  function save(store, key, value) {
    try { value == null ? store.removeItem(key) : store.setItem(key, JSON.stringify(value)); } catch (e) { /* keep in memory only */ }
  }

  var root = el("div", "rw-root");
  root.hidden = true;  // until widget.css is loaded, so nothing flashes unstyled
  if (color && window.CSS && CSS.supports("color", color)) root.style.setProperty("--rw-primary", color);
  root.innerHTML = [  // static markup only; no message text ever goes through innerHTML
    '<button type="button" class="rw-launcher" aria-expanded="false" aria-controls="rw-panel">',
    '<span class="rw-launcher-icon" aria-hidden="true">?</span><span class="rw-launcher-label">Stel je vraag</span></button>',
    '<section class="rw-panel" id="rw-panel" role="dialog" aria-modal="false" aria-labelledby="rw-title" hidden>',
    '<div class="rw-header"><div><h2 id="rw-title" class="rw-title"></h2><p class="rw-subtitle"></p></div>',
    '<button type="button" class="rw-close" aria-label="Chat sluiten"><span aria-hidden="true">&times;</span></button></div>',
    '<p class="rw-emergency"><strong>Spoed? Bel <a href="tel:112">112</a></strong></p>',
    '<div class="rw-scroll"><div class="rw-notice" role="note"><h3 class="rw-notice-title">Over je privacy</h3><p class="rw-notice-text"></p></div>',
    '<div class="rw-history"></div><div class="rw-log" role="log" aria-live="polite" aria-label="Gesprek"></div>',
    '<div class="rw-typing" role="status" hidden><span class="rw-dots" aria-hidden="true"><i></i><i></i><i></i></span><span class="rw-sr">De assistent typt.</span></div></div>',
    '<p class="rw-therapist" role="status" hidden>Een therapeut heeft je gesprek. Je antwoord komt van een mens, dat kan even duren.</p>',
    '<p class="rw-status" role="status"></p>',
    '<form class="rw-form"><label for="rw-input" class="rw-sr">Je bericht</label>',
    '<input id="rw-input" class="rw-input" type="text" autocomplete="off" enterkeyhint="send" maxlength="2000" placeholder="Typ je vraag">',
    '<button type="submit" class="rw-send">Verstuur</button></form>',
    '<div class="rw-tools"><button type="button" class="rw-restart">Opnieuw beginnen</button>',
    '<button type="button" class="rw-erase">Gesprek wissen</button></div></section>'
  ].join("");
  function $(cls) { return root.querySelector("." + cls); }
  var launcher = $("rw-launcher"), panel = $("rw-panel"), scroller = $("rw-scroll");
  var past = $("rw-history"), log = $("rw-log"), typing = $("rw-typing"), status = $("rw-status");
  var input = $("rw-input");
  $("rw-title").textContent = title;
  $("rw-subtitle").textContent = "Automatische assistent van " + practice;
  setRetention(30);

  function setRetention(days) {
    $("rw-notice-text").textContent = "Ik bewaar wat je typt en wat ik antwoord " + days + " dagen. Daarna wis ik het. " +
      "Je browser onthoudt een code, zodat je gesprek blijft staan als je de pagina opnieuw laadt. " +
      "Wil je alles eerder wissen? Kies dan \u2018Gesprek wissen\u2019. Deel geen gegevens die je niet nodig vindt.";
  }

  // Only http(s) addresses become links; everything else stays plain text.
  function appendText(parent, text) {
    var pattern = /https?:\/\/[^\s<>"']+/g, last = 0, match;
    while ((match = pattern.exec(text))) {
      var url = match[0].replace(/[.,;:!?)]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el("a", "rw-link", url);
      link.href = url; link.target = "_blank"; link.rel = "noopener noreferrer";
      link.appendChild(srOnly(" (opent in nieuw venster)"));
      parent.appendChild(link);
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function safeImageSrc(src) {
    if (typeof src !== "string") return null;
    if (/^data:image\/(png|jpeg|gif|webp);base64,/i.test(src)) return src;
    try {
      var url = new URL(src, server + "/");
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) { return null; }
  }

  function addMessage(container, sender, msg) {
    var item = el("div", "rw-msg rw-msg-" + sender);
    var bubble = el("div", "rw-bubble");
    bubble.appendChild(srOnly(sender === "user" ? "Jij: " : "Assistent: "));
    if (msg.text) appendText(bubble, String(msg.text));
    var attachment = msg.attachment || {};
    var image = msg.image || (attachment.type === "image" && attachment.payload && attachment.payload.src);
    var src = safeImageSrc(image);
    if (src) {
      var img = el("img", "rw-image");
      img.src = src;
      img.alt = (attachment.payload && attachment.payload.alt) || msg.alt || "Afbeelding bij het antwoord";
      bubble.appendChild(img);
    }
    if (bubble.childNodes.length > 1) item.appendChild(bubble);
    var replies = msg.quick_replies || msg.buttons || [];
    // Only the latest bot message's choices apply: a newer message (with or without
    // buttons) makes older ones stale, and clicking those led nowhere.
    if (sender === "bot" && (replies.length || msg.text)) clearReplies();
    if (replies.length) item.appendChild(quickReplies(replies));
    // Under the latest answer only: "that was not what I meant" files this exchange for
    // the practice (bot/learning) and offers to rephrase or talk to a therapist.
    if (sender === "bot" && msg.text && !/^Bericht van /.test(String(msg.text))) {
      clearNotMeant();
      item.appendChild(notMeantControl());
    }
    if (item.childNodes.length) container.appendChild(item);
    scroller.scrollTop = scroller.scrollHeight;
  }

  function quickReplies(replies) {
    var group = el("div", "rw-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Kies een antwoord");
    replies.forEach(function (reply) {
      if (!reply || !reply.title) return;
      var button = el("button", "rw-reply", String(reply.title));
      button.type = "button";
      button.addEventListener("click", function () {
        send(String(reply.payload || reply.title), String(reply.title));
        input.focus();  // the clicked button disappears; keep focus somewhere sensible
      });
      group.appendChild(button);
    });
    return group;
  }

  function notMeantControl() {
    var button = el("button", "rw-notmeant", "Dat bedoelde ik niet");
    button.type = "button";
    button.addEventListener("click", function () {
      send("dat bedoelde ik niet", "Dat bedoelde ik niet");
      input.focus();
    });
    return button;
  }

  function clearNotMeant() {
    root.querySelectorAll(".rw-notmeant").forEach(function (control) { control.remove(); });
  }

  function clearReplies() {
    root.querySelectorAll(".rw-replies").forEach(function (group) { group.remove(); });
  }

  // While a therapist holds the chat the assistant is silent on purpose: no typing dots.
  function setTherapist(state) {
    withTherapist = state === "claimed";
    $("rw-therapist").hidden = !withTherapist;
    if (withTherapist) setTyping(false);
  }

  function setTyping(on) {
    clearTimeout(typingTimer);
    if (withTherapist) on = false;
    typing.hidden = !on;
    // A therapist may have the chat and the assistant then stays silent on purpose.
    if (on) typingTimer = setTimeout(function () { typing.hidden = true; }, 20000);
    scroller.scrollTop = scroller.scrollHeight;
  }

  function send(text, shownAs) {
    text = (text || "").trim();
    if (!text) return;
    clearReplies();
    clearNotMeant();
    addMessage(log, "user", { text: shownAs || text });
    queue.push(text);
    setTyping(true);
    connect();
    flush();
  }

  function flush() {
    while (ready && queue.length) socket.emit("user_uttered", { message: queue.shift() });
  }

  function onConfirm(reply) {
    var session = typeof reply === "string" ? { session_id: reply } : reply || {};
    save(localStorage, STORE, { session_id: session.session_id, signature: session.signature });
    if (session.retention_days) setRetention(session.retention_days);
    if (session.max_message_chars) input.maxLength = session.max_message_chars;
    status.textContent = "";
    ready = true;
    if (historyDone || !session.resumed) { historyDone = true; flush(); return; }
    socket.emit("history_request", {}, function (answer) {
      historyDone = true;
      past.textContent = "";
      ((answer && answer.messages) || []).forEach(function (msg) {
        if (msg.handoff) setTherapist(msg.handoff); else addMessage(past, msg.sender, msg);
      });
      // The server sends buttons only with a question still open; anything after it
      // (an answer, or a message typed before the history arrived) makes them stale.
      var last = past.lastChild;
      if (log.childNodes.length || !last || !last.classList.contains("rw-msg-bot")) clearReplies();
      else past.querySelectorAll(".rw-replies").forEach(function (group) { if (group.parentNode !== last) group.remove(); });
      flush();
    });
  }

  function connect() {
    if (socket) return;
    if (!window.io) { loadClient(connect); return; }
    socket = window.io(server, { path: cfg.socketPath || "/socket.io" });
    socket.on("connect", function () {
      ready = false;
      socket.emit("session_request", load(localStorage, STORE) || {});
    });
    socket.on("session_confirm", onConfirm);
    socket.on("session_error", function () { ready = false; socket.emit("session_request", load(localStorage, STORE) || {}); });
    socket.on("bot_uttered", function (msg) {
      if (!ready) return;  // a late answer for the conversation the user just left
      if (msg && msg.handoff) { setTherapist(msg.handoff); return; }
      setTyping(false);
      addMessage(log, "bot", msg || {});
      if (panel.hidden) { launcher.classList.add("rw-unread"); $("rw-launcher-label").textContent = "Nieuw bericht"; }
    });
    socket.on("disconnect", function () { ready = false; status.textContent = "Even geen verbinding. Ik probeer het opnieuw."; });
    socket.on("connect_error", function () { status.textContent = "Ik kan de chat nu niet bereiken. Ik probeer het opnieuw."; });
  }

  var loading = null;
  function loadClient(done) {
    if (!loading) {
      loading = [];
      var tag = el("script");
      tag.src = server + "/web/vendor/socket.io.min.js";
      tag.onload = function () { loading.forEach(function (fn) { fn(); }); };
      tag.onerror = function () { status.textContent = "De chat kan nu niet laden. Probeer het later opnieuw."; };
      document.head.appendChild(tag);
    }
    loading.push(done);
  }

  function open(focus) {
    panel.hidden = false;
    root.classList.add("rw-open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.classList.remove("rw-unread");
    $("rw-launcher-label").textContent = "Stel je vraag";
    save(sessionStorage, OPEN, true);
    connect();
    if (focus) input.focus();
  }

  function close() {
    panel.hidden = true;
    root.classList.remove("rw-open");
    launcher.setAttribute("aria-expanded", "false");
    save(sessionStorage, OPEN, null);
    launcher.focus();
  }

  function restart() {
    save(localStorage, STORE, null);
    past.textContent = ""; log.textContent = ""; queue = [];
    setTherapist(null);
    setTyping(false);
    historyDone = true;
    if (socket && socket.connected) { ready = false; socket.emit("session_request", {}); } else connect();
    status.textContent = "Je bent een nieuw gesprek begonnen.";
    input.focus();
  }

  launcher.addEventListener("click", function () { panel.hidden ? open(true) : close(); });
  $("rw-close").addEventListener("click", close);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  $("rw-form").addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value);
    input.value = "";
  });
  $("rw-restart").addEventListener("click", restart);
  // The assistant asks for confirmation before it erases anything.
  $("rw-erase").addEventListener("click", function () { send("verwijder mijn gegevens", "Verwijder mijn gegevens"); });

  // A shadow root keeps the host page's styles (h2, p, header, button ...) out of the
  // widget and the widget's out of the page; screen readers and focus work across it.
  var host = el("div");
  host.id = "rugwijzer-chat";
  var shadow = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var css = el("link");
  css.rel = "stylesheet";
  css.href = server + "/web/widget.css";
  var shown = false;
  function show() { if (!shown) { shown = true; root.hidden = false; } }
  css.onload = show; css.onerror = show;
  setTimeout(show, 3000);
  shadow.appendChild(css);
  shadow.appendChild(root);
  document.body.appendChild(host);
  if (cfg.open === true || data.open === "true" || load(sessionStorage, OPEN)) open(false);
})();

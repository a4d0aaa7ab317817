// The board's order page: the stored history of one order (/board/orders/{id}/events) as a timeline.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const id = decodeURIComponent(location.pathname.replace(/\/+$/, "").split("/").pop());
  const url = "/board/orders/" + encodeURIComponent(id) + "/events";
  $("#order-id").textContent = id;
  $("#raw").href = url;
  document.title = "Order " + id + " · ActorOrders saga board";

  function li(e) {
    const when = new Date(e.timestamp);
    const item = document.createElement("li");
    const seq = document.createElement("span");
    seq.className = "seq";
    seq.textContent = "#" + e.sequenceNr;
    const time = document.createElement("span");
    time.className = "mono";
    time.textContent = when.toLocaleString();
    const body = document.createElement("div");
    const type = document.createElement("div");
    type.className = "type";
    type.textContent = e.type;
    const data = document.createElement("pre");
    data.textContent = JSON.stringify(e.data, null, 2);
    body.append(type, data);
    item.append(seq, time, body);
    item.dataset.type = e.type;
    return item;
  }

  fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
    .then(async (r) => {
      if (r.status === 404) throw new Error("No order " + id + " is stored.");
      if (!r.ok) throw new Error("The history answered " + r.status + ".");
      const events = await r.json();
      $("#timeline").replaceChildren(...events.map(li));
      const last = events[events.length - 1];
      $("#summary").textContent = events.length + " events · last " + last.type + " at " + new Date(last.timestamp).toLocaleTimeString();
    })
    .catch((e) => {
      const alert = $("#alert");
      alert.hidden = false;
      alert.textContent = e.message;
    });
})();

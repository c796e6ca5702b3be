/* The download links under the practice list follow the list when js/facets.js updates it in
   place: they take the address bar's query (without the page number), and the sentence with the
   number of practices gives way to one without a number. Without this script the links are those
   of the page as it was loaded, which is what the visitor sees. */
(function () {
  "use strict";

  var box = document.querySelector("[data-downloads]");
  var listing = document.querySelector("[data-listing]");
  if (!box || !listing || !window.MutationObserver || !window.URLSearchParams) {
    return;
  }

  function update() {
    var params = new URLSearchParams(window.location.search);
    params.delete("page");
    var query = params.toString();
    box.querySelectorAll("[data-download-link]").forEach(function (link) {
      var path = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", path + (query ? "?" + query : ""));
    });
    var text = box.querySelector("[data-downloads-text]");
    if (text && text.dataset.generic) {
      text.textContent = text.dataset.generic;
    }
  }

  new MutationObserver(update).observe(listing, { childList: true });
})();

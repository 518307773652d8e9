// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Language selectors submit on change (a <noscript> button covers the rest).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // A partial update the server failed (500, lost connection) says so instead of doing nothing.
  const showFailure = () => {
    let list = document.querySelector("main .messages");
    if (!list) {
      list = document.createElement("ul");
      list.className = "messages";
      list.setAttribute("role", "status");
      document.querySelector("main")?.prepend(list);
    }
    const item = document.createElement("li");
    item.className = "message error";
    item.textContent = document.body.dataset.requestFailed;
    list.append(item);
  };
  document.body.addEventListener("htmx:responseError", showFailure);
  document.body.addEventListener("htmx:sendError", showFailure);
  // The navigation collapses behind a button on narrow screens.
  document.querySelectorAll("[data-toggle-nav]").forEach((button) => {
    button.addEventListener("click", () => {
      const nav = document.getElementById(button.getAttribute("aria-controls"));
      const open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", String(open));
    });
  });
});

// The public pages' style sheet and quick-exit script. Both are inlined in every page and allowed by
// their hashes in the Content-Security-Policy: one request per page on a slow connection, nothing
// cached that could betray the visit, and no other script or style can run.
import { createHash } from 'node:crypto';

export const PUBLIC_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;background:#fff;scroll-padding-top:80px}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#fff}
html.exiting body{display:none}
a{color:#14506b}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #1b1b1b;outline-offset:0;box-shadow:0 0 0 7px #ffbf47}
.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:30}
.exit-bar{position:sticky;top:0;z-index:20;display:flex;align-items:center;justify-content:flex-end;gap:10px;padding:8px 12px;background:#fff;border-bottom:1px solid #d8dde0}
.exit-hint{font-size:13px;color:#454a4d;text-align:right;line-height:1.25}
.exit{display:inline-block;min-height:44px;padding:10px 16px;background:#b3261e;color:#fff;font-weight:700;text-decoration:none;border-radius:6px;box-shadow:0 2px 0 #6e1612;white-space:nowrap}
.exit:hover{background:#8f1e18}
.exit:focus{color:#1b1b1b;background:#ffbf47;box-shadow:0 2px 0 #1b1b1b}
.site{background:#14506b;color:#fff;padding:12px 16px}
.site a{color:#fff}
.site .name{font-size:22px;font-weight:700;text-decoration:none}
.site p{margin:2px 0 0;font-size:14px}
.site nav{margin-top:6px;font-size:15px}
main{max-width:720px;margin:0 auto;padding:8px 16px 32px}
h1{font-size:26px;line-height:1.25;margin:16px 0 8px}
h2{font-size:21px;line-height:1.3;margin:28px 0 8px}
h3{font-size:18px;margin:16px 0 4px}
.lead{font-size:18px}
.emergency{border:3px solid #b3261e;border-radius:8px;padding:10px 14px;margin:14px 0;background:#fdf3f2}
.emergency h2{margin:0 0 8px;font-size:19px;color:#8f1e18}
.calls{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.call{display:flex;align-items:center;gap:12px;min-height:48px;padding:8px 12px;border:2px solid #14506b;border-radius:8px;text-decoration:none;color:#1b1b1b;background:#fff}
.call b{font-size:22px;color:#14506b;min-width:64px}
.call small{display:block;color:#454a4d}
.cta{display:inline-block;margin:8px 0 4px;padding:12px 20px;background:#1f6f3a;color:#fff;font-weight:700;font-size:19px;text-decoration:none;border-radius:6px;box-shadow:0 2px 0 #0f3d1f}
.cta:hover{background:#175a2e}
.note{color:#454a4d;font-size:15px}
.strong{font-weight:700}
ul.plain{padding-left:20px}
ul.plain li{margin:4px 0}
details{border:1px solid #b1b4b6;border-radius:6px;margin:6px 0}
summary{padding:10px 12px;cursor:pointer;font-weight:700;min-height:44px}
details>div{padding:0 12px 8px}
.provider{border-top:1px solid #d8dde0;padding:8px 0}
.provider h3{margin:4px 0}
dl.facts{margin:0}
dl.facts dt{font-weight:700;font-size:14px;color:#454a4d}
dl.facts dd{margin:0 0 4px}
footer{border-top:1px solid #d8dde0;margin-top:24px;padding:16px;font-size:15px;max-width:720px;margin-left:auto;margin-right:auto}
footer ul{list-style:none;padding:0;margin:0 0 8px}
footer li{margin:6px 0}
form .group{margin:18px 0}
fieldset{border:0;padding:0;margin:22px 0 0}
legend{font-size:20px;font-weight:700;padding:0;margin-bottom:6px}
legend.sub{font-size:17px;margin-top:12px}
label{display:block;font-weight:700;margin:12px 0 4px}
.hint{display:block;color:#454a4d;font-size:15px;margin:0 0 4px;font-weight:400}
.req{font-weight:400;color:#454a4d;font-size:15px}
input[type=text],input[type=tel],select,textarea{display:block;width:100%;max-width:100%;font:inherit;padding:8px;border:2px solid #1b1b1b;border-radius:0;background:#fff;min-height:44px}
textarea{min-height:8em}
.choices{display:grid;gap:2px}
.choice{display:flex;align-items:flex-start;gap:10px;font-weight:400;margin:0;padding:8px 0;min-height:44px}
.choice input{width:24px;height:24px;margin:0;flex:none}
.error-summary{border:4px solid #b3261e;padding:12px 16px;margin:16px 0}
.error-summary h2{margin:0 0 6px;font-size:19px}
.error-summary a{color:#b3261e;font-weight:700}
.field-error{color:#b3261e;font-weight:700;margin:4px 0}
.has-error{border-left:4px solid #b3261e;padding-left:12px}
.trap{position:absolute;left:-5000px;width:1px;height:1px;overflow:hidden}
button.submit{font:inherit;font-weight:700;font-size:19px;margin-top:24px;padding:12px 24px;background:#1f6f3a;color:#fff;border:0;border-radius:6px;box-shadow:0 2px 0 #0f3d1f;cursor:pointer;min-height:48px}
.reference{font:700 34px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:2px;border:3px solid #14506b;display:inline-block;padding:8px 16px;margin:4px 0 8px;border-radius:6px}
@media (min-width:600px){body{font-size:18px}.site{padding:14px 24px}}
`;

/**
 * Quick exit (GOV.UK "Exit this page"): the button or Shift pressed three times blanks the page at once,
 * then replaces this history entry with the neutral page named by the button's link, so Back does not
 * return. Links inside the site also replace the entry, so the site holds one place in the history.
 * Written for old phone browsers (no arrow functions, no optional chaining).
 */
export const QUICK_EXIT_JS = `(function(){
var link=document.getElementById('quick-exit');if(!link)return;
var target=link.getAttribute('href');var root=document.documentElement;var presses=0;var timer=null;
function leave(event){if(event)event.preventDefault();root.className+=' exiting';document.title='';
try{window.location.replace(target);}catch(e){window.location.href=target;}}
link.addEventListener('click',leave);
document.addEventListener('keyup',function(event){if(event.key!=='Shift'){presses=0;return;}
presses+=1;if(timer)clearTimeout(timer);timer=setTimeout(function(){presses=0;},5000);if(presses>=3){presses=0;leave();}});
document.addEventListener('click',function(event){var node=event.target;
while(node&&node.nodeType===1&&!(node.tagName==='A'&&node.hasAttribute('data-replace')))node=node.parentNode;
if(!node||node.nodeType!==1||event.defaultPrevented||event.ctrlKey||event.metaKey||event.shiftKey||event.altKey)return;
event.preventDefault();window.location.replace(node.getAttribute('href'));});
window.addEventListener('pageshow',function(event){if(event.persisted&&root.className.indexOf('exiting')>=0)window.location.replace(target);});
})();`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Nothing may load or run but this page's own style and script; forms post only here. */
export const PUBLIC_CSP = [
  "default-src 'none'",
  `style-src ${sha256(PUBLIC_CSS)}`,
  `script-src ${sha256(QUICK_EXIT_JS)}`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

// Listens to the embedded trustlens frame: it reports its height and its current decision.
window.trustlensMessages = [];
const frame = document.getElementById('trustlens');
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
  const data = event.data;
  if (!data || typeof data.type !== 'string' || !data.type.startsWith('trustlens:')) return;
  window.trustlensMessages.push(data);
  if (data.type === 'trustlens:resize') frame.style.height = `${data.height}px`;
  if (data.type === 'trustlens:decision') {
    document.getElementById('decision').textContent = `Decision: ${data.decision}. ${data.message}`;
  }
});
